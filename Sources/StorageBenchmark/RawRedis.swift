import CHiredis

/// hiredis used directly, for the floor: GET and SET of the same bytes the cache serves.
final class RawRedis {
    let context: UnsafeMutablePointer<redisContext>

    init(host: String, port: Int, user: String?, password: String?) throws {
        guard let c = redisConnect(host, Int32(port)), vcon_redis_err(c) == 0 else { throw BenchError("redis connect failed") }
        context = c
        if let password {
            let args = (user.map { ["AUTH", $0] } ?? ["AUTH"]) + [password]
            _ = try command(args.map { Array($0.utf8) })
        }
    }

    deinit { redisFree(context) }

    /// Returns the reply's string length (the bytes are copied out, as a real client would).
    @discardableResult
    func command(_ arguments: [[UInt8]]) throws -> Int {
        var pointers: [UnsafePointer<CChar>?] = []
        var storage: [UnsafeMutableRawPointer] = []
        defer { storage.forEach { $0.deallocate() } }
        for a in arguments {
            let p = UnsafeMutableRawPointer.allocate(byteCount: max(1, a.count), alignment: 1)
            a.withUnsafeBytes { if let base = $0.baseAddress { p.copyMemory(from: base, byteCount: a.count) } }
            storage.append(p)
            pointers.append(UnsafePointer(p.assumingMemoryBound(to: CChar.self)))
        }
        let lengths = arguments.map(\.count)
        guard let raw = redisCommandArgv(context, Int32(arguments.count), &pointers, lengths) else { throw BenchError("redis command failed") }
        defer { freeReplyObject(raw) }
        let reply = raw.assumingMemoryBound(to: redisReply.self).pointee
        if Int(reply.type) == Int(REDIS_REPLY_ERROR) { throw BenchError("redis error reply") }
        if Int(reply.type) == Int(REDIS_REPLY_STRING), let str = reply.str {
            let copy = Array(UnsafeRawBufferPointer(start: str, count: reply.len))
            return copy.count
        }
        return 0
    }
}

/// The same, owned by an actor on its own thread.
actor RawRedisActor {
    nonisolated let thread = BenchThread(name: "bench-redis")
    nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }
    private let redis: RawRedis
    private var calls = 0
    init(_ make: @Sendable () throws -> RawRedis) rethrows { redis = try make() }
    func get(_ key: [UInt8]) throws -> Int { calls += 1; return try redis.command([Array("GET".utf8), key]) }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
