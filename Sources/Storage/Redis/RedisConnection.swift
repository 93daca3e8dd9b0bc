internal import CHiredis
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One hiredis context, owned by an actor whose executor is a dedicated thread: blocking hiredis
/// calls run there, never on Swift's cooperative pool. After any I/O error or timeout the context
/// is dead (hiredis keeps `err` set): it is freed at once and the connection reports
/// `notConnected` until `connect()` succeeds again. Arguments go through `redisCommandArgv`
/// (binary safe, no format strings).
///
/// One exception, for latency: `drainOnCaller` lets a caller whose thread may block (never a pool
/// thread: the server's stdin reader while it serves a lone request) do its cache lookup right
/// there when the context is free, instead of handing it to the connection's thread and back
/// (three context switches, most of a cache hit's cost). The context therefore sits behind a
/// lock, which the connection's thread takes for each use too.
actor RedisConnection {
    nonisolated let executor: ThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    let url: RedisURL
    let connectTimeoutMillis: Int
    let commandTimeoutMillis: Int
    /// Whether the calling thread may block for a round trip (see `drainOnCaller`).
    nonisolated let callerMayBlock: @Sendable () -> Bool
    /// The context and the id of the connection it belongs to.
    struct Live: ~Copyable {
        var handle: RedisContextHandle?
        /// Incremented on every successful connect, so a late failure report can be matched to its connection.
        var connectionID: UInt64 = 0
    }
    nonisolated let live = Mutex(Live())
    var connectionID: UInt64 { live.withLock { $0.connectionID } }
    /// SHA1 of each loaded script (stable across reconnects; reloaded after NOSCRIPT).
    var scriptSHAs: [RedisScript: [UInt8]] = [:]

    /// A write to a socket the server closed must be an error, not a process-killing signal.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init(url: RedisURL, connectTimeoutMillis: Int, commandTimeoutMillis: Int, name: String = "vcon-redis",
         callerMayBlock: @escaping @Sendable () -> Bool = { false }) {
        _ = Self.ignoreSIGPIPE
        self.callerMayBlock = callerMayBlock
        self.url = url
        self.connectTimeoutMillis = connectTimeoutMillis
        self.commandTimeoutMillis = commandTimeoutMillis
        self.executor = ThreadExecutor(name: name)
    }

    deinit {
        executor.shutdown()
    }

    var isConnected: Bool { live.withLock { $0.handle != nil } }

    /// (Re)connects: frees any old context, opens a new one with the connect timeout, sets the
    /// command timeout, then AUTH (with or without a user) and SELECT. Returns the new connection id.
    @discardableResult
    func connect() throws(RedisFailure) -> UInt64 {
        close()
        let next = connectionID + 1
        let handle = try Self.open(url, connectMillis: connectTimeoutMillis, commandMillis: commandTimeoutMillis, id: next).get()
        live.withLock { l in
            l.handle = handle
            l.connectionID = next
        }
        return next
    }

    private static func open(_ url: RedisURL, connectMillis: Int, commandMillis: Int, id: UInt64) -> Result<RedisContextHandle, RedisFailure> {
        func failed(_ message: String, _ kind: RedisFailure.Kind = .io, _ operation: String = "connect") -> Result<RedisContextHandle, RedisFailure> {
            .failure(RedisFailure(kind: kind, operation: operation, message: message, connection: id))
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
            guard let raw = withArgv(arguments, { argc, argv, lengths in redisCommandArgv(raw, argc, argv, lengths) }) else {
                let message = String(cString: vcon_redis_errstr(handle.context))
                return failed(message.isEmpty ? "connection lost" : message, .io, operation)
            }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            defer { freeReplyObject(raw) }
            switch Int(reply.pointee.type) {
            case Int(REDIS_REPLY_STATUS): continue
            case Int(REDIS_REPLY_ERROR): return failed(String(errorText(reply).prefix(200)), .server, operation)
            default: return failed("unexpected reply", .protocolError, operation)
            }
        }
        return .success(handle)
    }

    func close() {
        live.withLock { $0.handle = nil }
    }

    /// Sends one command and copies its reply out. An error reply throws `.server` / `.noScript`.
    func command(_ arguments: [[UInt8]], operation: String) throws(RedisFailure) -> RedisReply {
        try command(arguments, operation: operation) { RedisReply(copying: $0) }
    }

    /// Sends one command and lets `decode` read the reply in place (it must copy what it keeps),
    /// which spares a copy of large values on the hot path.
    func command<T: Sendable>(_ arguments: [[UInt8]], operation: String,
                              decode: @Sendable (UnsafePointer<redisReply>) throws(RedisFailure) -> T) throws(RedisFailure) -> T {
        try live.withLock { l throws(RedisFailure) -> T in
            guard let context = l.handle?.context else { throw Self.failure(.notConnected, operation, "not connected", l) }
            let raw = Self.withArgv(arguments) { argc, argv, lengths in redisCommandArgv(context, argc, argv, lengths) }
            guard let raw else { throw Self.connectionLost(operation, &l) }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            defer { freeReplyObject(raw) }
            try Self.checkErrorReply(reply, operation: operation, l)
            return try decode(reply)
        }
    }

    /// Pipelines several commands in one write and reads their replies in order. Error replies are
    /// returned as `.error`, not thrown, so the caller sees which command failed.
    func pipeline(_ commands: [[[UInt8]]], operation: String) throws(RedisFailure) -> [RedisReply] {
        try live.withLock { l throws(RedisFailure) -> [RedisReply] in
            guard let context = l.handle?.context else { throw Self.failure(.notConnected, operation, "not connected", l) }
            for arguments in commands {
                let status = Self.withArgv(arguments) { argc, argv, lengths in redisAppendCommandArgv(context, argc, argv, lengths) }
                guard status == REDIS_OK else { throw Self.connectionLost(operation, &l) }
            }
            var replies: [RedisReply] = []
            replies.reserveCapacity(commands.count)
            for _ in commands {
                var raw: UnsafeMutableRawPointer?
                guard redisGetReply(context, &raw) == REDIS_OK, let raw else { throw Self.connectionLost(operation, &l) }
                replies.append(RedisReply(copying: raw.assumingMemoryBound(to: redisReply.self)))
                freeReplyObject(raw)
            }
            return replies
        }
    }

    /// Sends every command waiting in `queue` in one pipeline and finishes each entry with its
    /// decoded reply (or the failure). See `RedisPipelineQueue`.
    func drain<T: Sendable>(_ queue: RedisPipelineQueue<T>, operation: String,
                            decode: @Sendable (UnsafePointer<redisReply>) throws(RedisFailure) -> T) {
        live.withLock { l in Self.drain(queue, operation: operation, decode: decode, &l) }
    }

    /// `drain`, on the caller's thread, when `callerMayBlock` says that thread may block and the
    /// context is free this instant. Returns false, having done nothing, otherwise: the caller then
    /// drains through the actor. (Decided per thread, not per task: a task that started on the
    /// reader may resume on the pool.)
    nonisolated func drainOnCaller<T: Sendable>(_ queue: RedisPipelineQueue<T>, operation: String,
                                                decode: @Sendable (UnsafePointer<redisReply>) throws(RedisFailure) -> T) -> Bool {
        guard callerMayBlock() else { return false }
        return live.withLockIfAvailable { l in Self.drain(queue, operation: operation, decode: decode, &l) } != nil
    }

    /// `drain` and `drainOnCaller` with each reply copied out.
    func drain(_ queue: RedisPipelineQueue<RedisReply>, operation: String) {
        drain(queue, operation: operation) { RedisReply(copying: $0) }
    }
    nonisolated func drainOnCaller(_ queue: RedisPipelineQueue<RedisReply>, operation: String) -> Bool {
        drainOnCaller(queue, operation: operation) { RedisReply(copying: $0) }
    }

    /// Takes the queue's entries under the lock, so a drain that finds the queue empty returns only
    /// once the drain that took its entry has finished it.
    private static func drain<T: Sendable>(_ queue: RedisPipelineQueue<T>, operation: String,
                                           decode: @Sendable (UnsafePointer<redisReply>) throws(RedisFailure) -> T, _ l: inout Live) {
        let batch = queue.takeAll()
        guard !batch.isEmpty else { return }
        guard let context = l.handle?.context else {
            let f = failure(.notConnected, operation, "not connected", l)
            for entry in batch { entry.finish(.failure(f)) }
            return
        }
        for entry in batch {
            let status = withArgv(entry.arguments) { argc, argv, lengths in redisAppendCommandArgv(context, argc, argv, lengths) }
            guard status == REDIS_OK else {
                let f = connectionLost(operation, &l)
                for e in batch { e.finish(.failure(f)) }
                return
            }
        }
        for (i, entry) in batch.enumerated() {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                let f = connectionLost(operation, &l)
                for e in batch[i...] { e.finish(.failure(f)) }
                return
            }
            let reply = raw.assumingMemoryBound(to: redisReply.self)
            do throws(RedisFailure) {
                try checkErrorReply(reply, operation: operation, l)
                entry.finish(.success(try decode(reply)))
            } catch {
                entry.finish(.failure(error))
            }
            freeReplyObject(raw)
        }
    }

    // MARK: - The funnel

    private static func checkErrorReply(_ reply: UnsafePointer<redisReply>, operation: String, _ l: borrowing Live) throws(RedisFailure) {
        guard Int(reply.pointee.type) == Int(REDIS_REPLY_ERROR) else { return }
        let message = errorText(reply)
        throw failure(message.hasPrefix("NOSCRIPT") ? .noScript : .server, operation, String(message.prefix(200)), l)
    }

    /// The context is dead after an I/O error or timeout: free it and report why.
    private static func connectionLost(_ operation: String, _ l: inout Live) -> RedisFailure {
        let message = l.handle.map { String(cString: vcon_redis_errstr($0.context)) } ?? "connection lost"
        l.handle = nil
        return failure(.io, operation, message.isEmpty ? "connection lost" : message, l)
    }

    private static func failure(_ kind: RedisFailure.Kind, _ operation: String, _ message: String, _ l: borrowing Live) -> RedisFailure {
        RedisFailure(kind: kind, operation: operation, message: message, connection: l.connectionID)
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
/// Used only under `RedisConnection.live`'s lock.
final class RedisContextHandle: @unchecked Sendable {
    let context: UnsafeMutablePointer<redisContext>
    init(_ context: UnsafeMutablePointer<redisContext>) { self.context = context }
    deinit { redisFree(context) }
}
