/// The Lua scripts of the cache. Loaded once per server with SCRIPT LOAD, called by SHA (EVALSHA),
/// reloaded after NOSCRIPT.
///
/// Entry values: `D<version>:<epoch>:<document bytes>` or a tombstone `T<version>::`. Versions are
/// compared as decimal strings (length first), exactly, without Lua's double precision.
enum RedisScript: String, Sendable, CaseIterable {
    case fill
    case tombstone
    case searchLookup

    var source: String {
        switch self {
        case .fill: return Self.newer + """
            local current = redis.call('GET', KEYS[2])
            if current ~= ARGV[2] then return -1 end
            local head = redis.call('GETRANGE', KEYS[1], 0, 47)
            if head ~= '' then
              local kind, version, epoch = string.match(head, '^(%u)(%d+):(%x*):')
              if version then
                if newer(version, ARGV[1]) then return 0 end
                if version == ARGV[1] and kind == 'D' and epoch == current then return 0 end
              end
            end
            redis.call('SET', KEYS[1], ARGV[4], 'EX', ARGV[3])
            return 1
            """
        case .tombstone: return Self.newer + """
            redis.call('INCR', KEYS[2])
            local head = redis.call('GETRANGE', KEYS[1], 0, 47)
            if head ~= '' then
              local version = string.match(head, '^%u(%d+):')
              if version and not newer(ARGV[1], version) then return 0 end
            end
            redis.call('SET', KEYS[1], 'T' .. ARGV[1] .. '::', 'EX', ARGV[2])
            return 1
            """
        // Builds the result key from the generation and epoch it reads, in the same round trip
        // (keys outside KEYS: fine on a single Redis, not on Redis Cluster).
        case .searchLookup: return """
            local g = redis.call('GET', KEYS[1]) or '0'
            local e = redis.call('GET', KEYS[2]) or ''
            local v = false
            if e ~= '' then v = redis.call('GET', ARGV[1] .. e .. ':' .. g .. ':' .. ARGV[2]) end
            return {g, e, v}
            """
        }
    }

    private static let newer = """
        local function newer(a, b)
          if #a ~= #b then return #a > #b end
          return a > b
        end

        """
}
