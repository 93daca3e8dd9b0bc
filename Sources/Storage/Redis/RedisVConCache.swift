import Logging
import Synchronization
import VConModel

/// The Redis implementation of `VConCache` (see DESIGN.md §4).
///
/// Consistency:
/// - Entries carry their version; fills and tombstones are max-version writes in Lua, so a fill of a
///   version read before a write can never overwrite that write's tombstone.
/// - A write whose invalidation is unconfirmed (error, timeout, Redis down, breaker open) is a *debt*.
///   The cache stays bypassed (no reads, no fills) until a reconnect has paid every debt by starting a
///   new cache epoch (`SET <prefix>epoch <random token>`). Every entry carries the epoch it was filled
///   under and a lookup reads the current epoch in the same round trip (MGET), so entries from before
///   the bump are misses everywhere, in every process. A fill is refused when the epoch moved between
///   its lookup and the fill.
/// - Every connect and reconnect also starts a new epoch. On a process's first connect, this means a
///   writer that crashed or is still cut off with unpaid debts cannot make a *new* process serve what
///   it failed to invalidate. On a reconnect, it covers a Redis that came back from a snapshot or a
///   promoted replica with entries older than tombstones we wrote. The cost is one logical flush per
///   server start or Redis outage. (Long-running *other* processes learn of a cut-off writer's writes
///   only once it repairs; LISTEN/NOTIFY from Postgres is the later step DESIGN.md names.)
/// - Tombstones live at least the Postgres statement timeout (`tombstoneMinimumSeconds`), and a fill
///   whose lookup is older than that is dropped: a slow fill cannot outlive the tombstone it races.
/// - Epochs are random tokens, not counters, so a Redis that lost the epoch key never resurrects old entries.
/// Redis should run with `noeviction` or a `volatile-*` policy: an evicted tombstone weakens the guarantee.
public final class RedisVConCache: VConCache {
    enum FillMode: Sendable { case versioned, plainSetForTests }

    struct State: Sendable {
        var up = false
        var connectionID: UInt64 = 0
        var debt = 0
        var repaired = 0
        var reconnecting = false
        var closed = false
        var outageStarted: ContinuousClock.Instant?
        var lastError: String?
        var everConnected = false
        var reconnectTask: Task<Void, Never>?
        var hits = 0, misses = 0, fills = 0, refusedFills = 0, invalidations = 0, errors = 0, reconnects = 0
        var latency = LatencyWindow()
    }

    let connection: RedisConnection
    let lookups = RedisPipelineQueue<RedisCacheEntry.Lookup>()
    let url: RedisURL
    let logger: Logger
    let ttlSeconds: Int
    let prefix: String
    /// Tombstones live at least this long (the Postgres statement timeout: the slowest possible fill).
    let tombstoneMinimumSeconds: Int
    let fillMode: FillMode
    let state = Mutex(State())

    let entryPrefix: [UInt8]
    let epochKey: [UInt8]
    let generationKey: [UInt8]
    let searchPrefix: [UInt8]
    private let ttlArgument: [UInt8]

    /// Parses the URL and makes a first connect attempt (bounded by the connect timeout). Redis being
    /// down is not an error: the cache starts bypassed and reconnects in the background.
    /// Throws `StorageError(.configuration)` for a missing or malformed URL.
    public static func open(_ configuration: StorageConfiguration.Redis, tombstoneMinimumSeconds: Int = 30,
                            logger: Logger) async throws(StorageError) -> RedisVConCache {
        let cache = try RedisVConCache(configuration, tombstoneMinimumSeconds: tombstoneMinimumSeconds, logger: logger)
        await cache.start()
        return cache
    }

    init(_ configuration: StorageConfiguration.Redis, tombstoneMinimumSeconds: Int, logger: Logger,
         fillMode: FillMode = .versioned) throws(StorageError) {
        guard let text = configuration.url else {
            throw StorageError(.configuration, operation: "redis.open", message: "no REDIS_URL")
        }
        guard configuration.expirySeconds > 0 else {
            throw StorageError(.configuration, operation: "redis.open", message: "VCON_REDIS_EXPIRY must be a positive number of seconds")
        }
        url = try RedisURL(parsing: text)
        connection = RedisConnection(url: url, connectTimeoutMillis: configuration.connectTimeoutMillis,
                                     commandTimeoutMillis: configuration.commandTimeoutMillis,
                                     callerMayBlock: configuration.lookupMayBlockCaller)
        self.logger = logger
        ttlSeconds = configuration.expirySeconds
        prefix = configuration.prefix
        self.tombstoneMinimumSeconds = max(1, tombstoneMinimumSeconds)
        self.fillMode = fillMode
        entryPrefix = Array((prefix + "v:").utf8)
        epochKey = Array((prefix + "epoch").utf8)
        generationKey = Array((prefix + "gen").utf8)
        searchPrefix = Array((prefix + "s:").utf8)
        ttlArgument = Array(String(configuration.expirySeconds).utf8)
    }

    func entryKey(_ uuid: VConID) -> [UInt8] {
        var key = entryPrefix
        key.append(contentsOf: uuid.string.utf8)
        return key
    }
    private static let mget = Array("MGET".utf8)

    /// TTL of a tombstone with a known version: the entry TTL, but never shorter than the slowest fill.
    var tombstoneSeconds: Int { max(ttlSeconds, tombstoneMinimumSeconds) }
    /// A fill whose lookup is older than this is dropped: the tombstone it races may have expired.
    /// Half the tombstone lifetime leaves room for the wait in the connection's queue after the check.
    var maxFillAge: Duration { .milliseconds(max(500, tombstoneMinimumSeconds * 500)) }

    // MARK: - VConCache

    public func lookup(_ uuid: VConID) async -> CacheLookup {
        guard isUp else { return .miss(fill: nil) }
        let started = ContinuousClock.now
        do {
            // Concurrent lookups share one round trip (auto-pipelining, see RedisPipelineQueue).
            let entry = lookups.enqueue([Self.mget, entryKey(uuid), epochKey])
            if !connection.drainOnCaller(lookups, operation: "get", decode: RedisCacheEntry.decodeLookup) {
                await connection.drain(lookups, operation: "get", decode: RedisCacheEntry.decodeLookup)
            }
            let read = try entry.result.get()
            let elapsed = started.duration(to: .now)
            switch read {
            case let .hit(version, document):
                state.withLock { $0.hits += 1; $0.latency.record(elapsed) }
                logger.debug("cache hit", metadata: ["uuid": "\(uuid)", "version": "\(version)"])
                return .hit(StoredVCon(uuid: uuid, version: version, document: .init(unchecked: document)))
            case let .miss(epoch):
                state.withLock { $0.misses += 1; $0.latency.record(elapsed) }
                if epoch == nil { try await ensureEpoch() }   // vanished (FLUSHALL, eviction): no fill this time
                logger.debug("cache miss", metadata: ["uuid": "\(uuid)"])
                return .miss(fill: epoch.map { CacheFillToken(epoch: $0, started: started) })
            }
        } catch {
            recordFailure(error, write: false)
            return .miss(fill: nil)
        }
    }

    public func fill(_ stored: StoredVCon, token: CacheFillToken) async {
        guard isUp else { return }
        if token.started.duration(to: .now) > maxFillAge {
            state.withLock { $0.refusedFills += 1 }
            return
        }
        let started = ContinuousClock.now
        let value = RedisCacheEntry.documentValue(version: stored.version, epoch: token.epoch, document: stored.document.bytes)
        let key = entryKey(stored.uuid)
        do {
            let landed: Bool
            switch fillMode {
            case .versioned:
                let result = try await connection.evaluate(
                    .fill, keys: [key, epochKey],
                    arguments: [Array(String(stored.version).utf8), token.epoch, ttlArgument, value], operation: "fill")
                landed = result.integer == 1
            case .plainSetForTests:
                _ = try await connection.command([Array("SET".utf8), key, value, Array("EX".utf8), ttlArgument], operation: "fill")
                landed = true
            }
            let elapsed = started.duration(to: .now)
            state.withLock { s in
                if landed { s.fills += 1 } else { s.refusedFills += 1 }
                s.latency.record(elapsed)
            }
            logger.debug(landed ? "cache fill" : "cache fill refused", metadata: ["uuid": "\(stored.uuid)", "version": "\(stored.version)"])
        } catch {
            recordFailure(error, write: false)
        }
    }

    public func invalidate(_ uuid: VConID, version: Int64?) async {
        guard admitWrite() else { return }
        let started = ContinuousClock.now
        let (tombstoneVersion, seconds) = version.map { ($0, tombstoneSeconds) } ?? (Int64.max, tombstoneMinimumSeconds)
        do {
            _ = try await connection.evaluate(
                .tombstone, keys: [entryKey(uuid), generationKey],
                arguments: [Array(String(tombstoneVersion).utf8), Array(String(seconds).utf8)], operation: "invalidate")
            let elapsed = started.duration(to: .now)
            state.withLock { $0.invalidations += 1; $0.latency.record(elapsed) }
            logger.debug("cache invalidate", metadata: ["uuid": "\(uuid)", "version": "\(tombstoneVersion)"])
        } catch {
            recordFailure(error, write: true)
        }
    }

    public func invalidateAll() async {
        guard admitWrite() else { return }
        do {
            try await bumpEpoch()
            state.withLock { $0.invalidations += 1 }
        } catch {
            recordFailure(error, write: true)
        }
    }

    public func stats() -> CacheStats {
        state.withLock { s in
            let (p50, p99) = s.latency.percentiles()
            return CacheStats(enabled: true, connected: s.up, hits: s.hits, misses: s.misses, fills: s.fills,
                              refusedFills: s.refusedFills, invalidations: s.invalidations, errors: s.errors,
                              reconnects: s.reconnects, ttlSeconds: ttlSeconds, prefix: prefix,
                              latencyP50Micros: p50, latencyP99Micros: p99)
        }
    }

    public func status() -> ServiceStatus {
        state.withLock { s in
            if s.up { return ServiceStatus(state: .up, detail: url.description) }
            return ServiceStatus(state: .down, detail: "\(url): \(s.lastError ?? "connecting")")
        }
    }

    public func close() async {
        let task = state.withLock { s -> Task<Void, Never>? in
            s.closed = true; s.up = false
            let t = s.reconnectTask; s.reconnectTask = nil
            return t
        }
        task?.cancel()
        await connection.close()
    }
}
