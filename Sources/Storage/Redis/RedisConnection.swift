internal import CHiredis
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// One hiredis context, owned by an actor.
///
/// A default actor: an idle one is entered without a thread switch, so a command runs on the
/// caller's own thread (a pool thread, or the task's preferred executor: the server's reader
/// thread for a lone request) and blocks it for one round trip. On a cache hit that is ~25 µs, far
/// less than handing the call to a dedicated thread and back, which cost three context switches
/// per lookup (`StdioBenchmark`, BENCH_PROFILE=hit: 6.6 → 3.9 server switches per call). The block is bounded by the command timeout (250 ms by
/// default), after which the context is dead and the cache's breaker opens. Only the connect, whose
/// wait is bounded by the longer connect timeout and repeats while Redis is away, runs on a
/// dedicated queue, off the pool.
///
/// After any I/O error or timeout the context is dead (hiredis keeps `err` set): it is freed at once
/// and the connection reports `notConnected` until `connect()` succeeds again. Arguments go through
/// `redisCommandArgv` (binary safe, no format strings).
actor RedisConnection {
    let url: RedisURL
    let connectTimeoutMillis: Int
    let commandTimeoutMillis: Int
    private let connector: DispatchQueue
    private var handle: RedisContextHandle?
    private var context: UnsafeMutablePointer<redisContext>? { handle?.context }
    /// Incremented on every successful connect, so a late failure report can be matched to its connection.
    private(set) var connectionID: UInt64 = 0
    /// Incremented by every connect and close: a connect that finishes after a newer one started,
    /// or after a close, discards its context.
    private var attempt: UInt64 = 0
    /// SHA1 of each loaded script (stable across reconnects; reloaded after NOSCRIPT).
    var scriptSHAs: [RedisScript: [UInt8]] = [:]

    /// A write to a socket the server closed must be an error, not a process-killing signal.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init(url: RedisURL, connectTimeoutMillis: Int, commandTimeoutMillis: Int, name: String = "vcon-redis") {
        _ = Self.ignoreSIGPIPE
        self.url = url
        self.connectTimeoutMillis = connectTimeoutMillis
        self.commandTimeoutMillis = commandTimeoutMillis
        connector = DispatchQueue(label: name + "-connect")
    }

    var isConnected: Bool { context != nil }

    /// (Re)connects: frees any old context, then opens a new one on the connector queue (connect
    /// timeout, command timeout, AUTH with or without a user, SELECT). Returns the new connection id.
    @discardableResult
    func connect() async throws(RedisFailure) -> UInt64 {
        close()
        let mine = attempt
        let next = connectionID + 1
        let (url, connectMillis, commandMillis) = (url, connectTimeoutMillis, commandTimeoutMillis)
        let opened: Result<RedisContextHandle, RedisFailure> = await withCheckedContinuation { done in
            connector.async {
                done.resume(returning: Self.open(url, connectMillis: connectMillis, commandMillis: commandMillis, id: next))
            }
        }
        let fresh = try opened.get()
        // A close (or another connect) while this one waited wins: the new context is dropped.
        guard attempt == mine else {
            throw RedisFailure(kind: .notConnected, operation: "connect", message: "closed while connecting", connection: next)
        }
        handle = fresh
        connectionID = next
        return next
    }

    /// The blocking part of a connect, on the connector queue.
    private static func open(_ url: RedisURL, connectMillis: Int, commandMillis: Int, id: UInt64) -> Result<RedisContextHandle, RedisFailure> {
        func failed(_ message: String) -> Result<RedisContextHandle, RedisFailure> {
            .failure(RedisFailure(kind: .io, operation: "connect", message: message, connection: id))
        }
        let raw: UnsafeMutablePointer<redisContext>?
        switch url.endpoint {
        case let .tcp(host, port): raw = redisConnectWithTimeout(host, Int32(port), timeval(millis: connectMillis))
        case let .unix(path): raw = redisConnectUnixWithTimeout(path, timeval(millis: connectMillis))
        }
        guard let raw else { return failed("cannot allocate a context") }
        let handle = RedisContextHandle(raw)   // frees the context on every early return
        if vcon_redis_err(raw) != 0 { return failed(String(cString: vcon_redis_errstr(raw))) }
        guard redisSetTimeout(raw, timeval(millis: commandMillis)) == REDIS_OK else { return failed("cannot set the command timeout") }
        var setup: [(String, [[UInt8]])] = []
        if let password = url.password {
            setup.append(("auth", [Array("AUTH".utf8)] + (url.user.map { [Array($0.utf8)] } ?? []) + [Array(password.utf8)]))
        }
        if url.database != 0 { setup.append(("select", [Array("SELECT".utf8), Array(String(url.database).utf8)])) }
        for (operation, arguments) in setup {
            guard let reply = withArgv(arguments, { argc, argv, lengths in redisCommandArgv(raw, argc, argv, lengths) }) else {
                let message = String(cString: vcon_redis_errstr(raw))
                return .failure(RedisFailure(kind: .io, operation: operation, message: message.isEmpty ? "connection lost" : message, connection: id))
            }
            let type = Int(reply.assumingMemoryBound(to: redisReply.self).pointee.type)
            let message = errorText(reply.assumingMemoryBound(to: redisReply.self))
            freeReplyObject(reply)
            if type == Int(REDIS_REPLY_ERROR) {
                return .failure(RedisFailure(kind: .server, operation: operation, message: String(message.prefix(200)), connection: id))
            }
            guard type == Int(REDIS_REPLY_STATUS) else {
                return .failure(RedisFailure(kind: .protocolError, operation: operation, message: "unexpected reply", connection: id))
            }
        }
        return .success(handle)
    }

    func close() {
        attempt += 1
        handle = nil
    }

    /// Sends one command and copies its reply out. An error reply throws `.server` / `.noScript`.
    func command(_ arguments: [[UInt8]], operation: String) throws(RedisFailure) -> RedisReply {
        try command(arguments, operation: operation) { RedisReply(copying: $0) }
    }

    /// Sends one command and lets `decode` read the reply in place (it must copy what it keeps),
    /// which spares a copy of large values on the hot path.
    func command<T: Sendable>(_ arguments: [[UInt8]], operation: String,
                              decode: @Sendable (UnsafePointer<redisReply>) throws(RedisFailure) -> T) throws(RedisFailure) -> T {
        guard let context else { throw failure(.notConnected, operation, "not connected") }
        let raw = Self.withArgv(arguments) { argc, argv, lengths in redisCommandArgv(context, argc, argv, lengths) }
        guard let raw else { throw connectionLost(operation) }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        try checkErrorReply(reply, operation: operation)
        return try decode(reply)
    }

    /// Pipelines several commands in one write and reads their replies in order. Error replies are
    /// returned as `.error`, not thrown, so the caller sees which command failed.
    func pipeline(_ commands: [[[UInt8]]], operation: String) throws(RedisFailure) -> [RedisReply] {
        guard let context else { throw failure(.notConnected, operation, "not connected") }
        for arguments in commands {
            let status = Self.withArgv(arguments) { argc, argv, lengths in redisAppendCommandArgv(context, argc, argv, lengths) }
            guard status == REDIS_OK else { throw connectionLost(operation) }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw connectionLost(operation) }
            replies.append(RedisReply(copying: raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return replies
    }

    /// Sends every command waiting in `queue` in one pipeline and finishes each entry with its
    /// decoded reply (or the failure). See `RedisPipelineQueue`.
    func drain<T: Sendable>(_ queue: RedisPipelineQueue<T>, operation: String,
                            decode: @Sendable (UnsafePointer<redisReply>) throws(RedisFailure) -> T) {
        let batch = queue.takeAll()
        guard !batch.isEmpty else { return }
        guard let context else {
            let f = failure(.notConnected, operation, "not connected")
            for entry in batch { entry.finish(.failure(f)) }
            return
        }
        for entry in batch {
            let status = Self.withArgv(entry.arguments) { argc, argv, lengths in redisAppendCommandArgv(context, argc, argv, lengths) }
            guard status == REDIS_OK else {
                let f = connectionLost(operation)
                for e in batch { e.finish(.failure(f)) }
                return
            }
        }
        for (i, entry) in batch.enumerated() {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                let f = connectionLost(operation)
                for e in batch[i...] { e.finish(.failure(f)) }
                return
            }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            do throws(RedisFailure) {
                try checkErrorReply(reply, operation: operation)
                entry.finish(.success(try decode(reply)))
            } catch {
                entry.finish(.failure(error))
            }
            freeReplyObject(raw)
        }
    }

    // MARK: - The funnel

    private func checkErrorReply(_ reply: UnsafePointer<redisReply>, operation: String) throws(RedisFailure) {
        guard Int(reply.pointee.type) == Int(REDIS_REPLY_ERROR) else { return }
        let message = Self.errorText(reply)
        throw failure(message.hasPrefix("NOSCRIPT") ? .noScript : .server, operation, String(message.prefix(200)))
    }

    /// The context is dead after an I/O error or timeout: free it and report why.
    private func connectionLost(_ operation: String) -> RedisFailure {
        let message = context.map { String(cString: vcon_redis_errstr($0)) } ?? "connection lost"
        close()
        return failure(.io, operation, message.isEmpty ? "connection lost" : message)
    }

    private func failure(_ kind: RedisFailure.Kind, _ operation: String, _ message: String) -> RedisFailure {
        RedisFailure(kind: kind, operation: operation, message: message, connection: connectionID)
    }

    private static func errorText(_ reply: UnsafePointer<redisReply>) -> String {
        reply.pointee.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: reply.pointee.len), as: UTF8.self) } ?? "error reply"
    }

    private static func timeval(millis: Int) -> timeval {
        let ms = max(1, millis)
        return Glibc.timeval(tv_sec: ms / 1000, tv_usec: (ms % 1000) * 1000)
    }

    /// Hands hiredis a pointer and a length per argument, without copying the arguments.
    private static func withArgv<R>(_ arguments: [[UInt8]],
                                   _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R) -> R {
        var pointers = [UnsafePointer<CChar>?](repeating: nil, count: arguments.count)
        let lengths = arguments.map(\.count)
        let empty: StaticString = ""
        func bind(_ i: Int) -> R {
            if i == arguments.count {
                return pointers.withUnsafeMutableBufferPointer { p in
                    lengths.withUnsafeBufferPointer { l in body(Int32(arguments.count), p.baseAddress!, l.baseAddress!) }
                }
            }
            return arguments[i].withUnsafeBufferPointer { buffer in
                pointers[i] = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(empty.utf8Start))
                    .assumingMemoryBound(to: CChar.self)
                return bind(i + 1)
            }
        }
        return bind(0)
    }
}

/// The one owner of a redisContext: freed when the handle goes (on close, reconnect or deinit).
/// Sendable because it moves once, from the connector queue into the actor, and is used only there.
final class RedisContextHandle: @unchecked Sendable {
    let context: UnsafeMutablePointer<redisContext>
    init(_ context: UnsafeMutablePointer<redisContext>) { self.context = context }
    deinit { redisFree(context) }
}
