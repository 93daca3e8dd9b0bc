import CHiredis
import Foundation

/// hiredis used directly: the floor (GET of the very bytes the server's cache holds) and the
/// benchmark's own housekeeping (clearing its prefix, deleting entries to force misses).
final class RawRedis {
    private let context: UnsafeMutablePointer<redisContext>

    /// `url`: redis://[user:password@]host:port[/db]
    init(url: String) throws {
        guard let parts = URLComponents(string: url), let host = parts.host else { throw BenchError("REDIS_URL is not a redis:// URL") }
        guard let c = redisConnect(host, Int32(parts.port ?? 6379)) else { throw BenchError("redis connect failed") }
        context = c
        guard vcon_redis_err(c) == 0 else { redisFree(c); throw BenchError("redis connect failed") }
        if let password = parts.password?.removingPercentEncoding {
            let user = parts.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
            _ = try command(["AUTH"] + (user.map { [$0] } ?? []) + [password])
        }
        let db = parts.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !db.isEmpty { _ = try command(["SELECT", db]) }
    }

    deinit { redisFree(context) }

    enum Reply { case string([UInt8]), integer(Int), array([Reply]), status, null }

    func command(_ arguments: [String]) throws -> Reply { try command(arguments.map { Array($0.utf8) }) }

    func command(_ arguments: [[UInt8]]) throws -> Reply {
        try append(arguments)
        return try reply()
    }

    /// Queues a command (pipelining); its reply comes from `reply()`.
    func append(_ arguments: [[UInt8]]) throws {
        let lengths = arguments.map(\.count)
        let buffers = arguments.map { a -> UnsafeMutableBufferPointer<UInt8> in
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, a.count))
            _ = b.initialize(from: a)
            return b
        }
        defer { buffers.forEach { $0.deallocate() } }
        var pointers: [UnsafePointer<CChar>?] = buffers.map { UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self) }
        let rc = redisAppendCommandArgv(context, Int32(arguments.count), &pointers, lengths)
        guard rc == Int32(REDIS_OK) else { throw BenchError("redis append failed") }
    }

    func reply() throws -> Reply {
        var raw: UnsafeMutableRawPointer?
        guard redisGetReply(context, &raw) == Int32(REDIS_OK), let raw else { throw BenchError("redis reply failed") }
        defer { freeReplyObject(raw) }
        return try Self.convert(raw.assumingMemoryBound(to: redisReply.self))
    }

    private static func convert(_ r: UnsafeMutablePointer<redisReply>) throws -> Reply {
        switch Int(r.pointee.type) {
        case Int(REDIS_REPLY_STRING):
            return .string(Array(UnsafeRawBufferPointer(start: r.pointee.str, count: r.pointee.len)))
        case Int(REDIS_REPLY_INTEGER): return .integer(Int(r.pointee.integer))
        case Int(REDIS_REPLY_NIL): return .null
        case Int(REDIS_REPLY_STATUS): return .status
        case Int(REDIS_REPLY_ARRAY):
            return .array(try (0..<r.pointee.elements).map { try convert(r.pointee.element[$0]!) })
        default: throw BenchError("redis error reply")
        }
    }

    /// Deletes every key under `prefix` (SCAN, then DEL in batches).
    func deleteKeys(matching prefix: String) throws -> Int {
        var cursor = "0", deleted = 0
        repeat {
            guard case let .array(parts) = try command(["SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"]), parts.count == 2,
                  case let .string(next) = parts[0], case let .array(keys) = parts[1] else { throw BenchError("unexpected SCAN reply") }
            cursor = String(decoding: next, as: UTF8.self)
            let names = keys.compactMap { k -> [UInt8]? in if case let .string(s) = k { return s }; return nil }
            if !names.isEmpty, case let .integer(n) = try command([Array("DEL".utf8)] + names) { deleted += n }
        } while cursor != "0"
        return deleted
    }
}
