internal import CHiredis
#if canImport(Glibc)
import Glibc
#endif

/// One hiredis context, owned by an actor whose executor is a dedicated thread: every blocking
/// hiredis call runs there and nowhere else. After any I/O error or timeout the context is dead
/// (hiredis keeps `err` set): it is freed at once and the connection reports `notConnected` until
/// `connect()` succeeds again. Arguments go through `redisCommandArgv` (binary safe, no format strings).
actor RedisConnection {
    nonisolated let executor: ThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    let url: RedisURL
    let connectTimeoutMillis: Int
    let commandTimeoutMillis: Int
    private var handle: RedisContextHandle?
    private var context: UnsafeMutablePointer<redisContext>? { handle?.context }
    /// Incremented on every successful connect, so a late failure report can be matched to its connection.
    private(set) var connectionID: UInt64 = 0
    /// SHA1 of each loaded script (stable across reconnects; reloaded after NOSCRIPT).
    var scriptSHAs: [RedisScript: [UInt8]] = [:]

    /// A write to a socket the server closed must be an error, not a process-killing signal.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    init(url: RedisURL, connectTimeoutMillis: Int, commandTimeoutMillis: Int, name: String = "vcon-redis") {
        _ = Self.ignoreSIGPIPE
        self.url = url
        self.connectTimeoutMillis = connectTimeoutMillis
        self.commandTimeoutMillis = commandTimeoutMillis
        self.executor = ThreadExecutor(name: name)
    }

    deinit {
        executor.shutdown()
    }

    var isConnected: Bool { context != nil }

    /// (Re)connects: frees any old context, opens a new one with the connect timeout, sets the
    /// command timeout, then AUTH (with or without a user) and SELECT. Returns the new connection id.
    @discardableResult
    func connect() throws(RedisFailure) -> UInt64 {
        close()
        let next = connectionID + 1
        let connectTimeout = Self.timeval(millis: connectTimeoutMillis)
        let raw: UnsafeMutablePointer<redisContext>?
        switch url.endpoint {
        case let .tcp(host, port): raw = redisConnectWithTimeout(host, Int32(port), connectTimeout)
        case let .unix(path): raw = redisConnectUnixWithTimeout(path, connectTimeout)
        }
        guard let raw else {
            throw RedisFailure(kind: .io, operation: "connect", message: "cannot allocate a context", connection: next)
        }
        if vcon_redis_err(raw) != 0 {
            let message = String(cString: vcon_redis_errstr(raw))
            redisFree(raw)
            throw RedisFailure(kind: .io, operation: "connect", message: message, connection: next)
        }
        if redisSetTimeout(raw, Self.timeval(millis: commandTimeoutMillis)) != REDIS_OK {
            redisFree(raw)
            throw RedisFailure(kind: .io, operation: "connect", message: "cannot set the command timeout", connection: next)
        }
        handle = RedisContextHandle(raw)
        connectionID = next
        do {
            if let password = url.password {
                var auth: [[UInt8]] = [Array("AUTH".utf8)]
                if let user = url.user { auth.append(Array(user.utf8)) }
                auth.append(Array(password.utf8))
                try expectOK(auth, operation: "auth")
            }
            if url.database != 0 {
                try expectOK([Array("SELECT".utf8), Array(String(url.database).utf8)], operation: "select")
            }
        } catch {
            close()
            throw error
        }
        return next
    }

    func close() {
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

    // MARK: - The funnel

    private func expectOK(_ arguments: [[UInt8]], operation: String) throws(RedisFailure) {
        let reply = try command(arguments, operation: operation)
        guard case .status = reply else { throw failure(.protocolError, operation, "unexpected reply") }
    }

    private func checkErrorReply(_ reply: UnsafePointer<redisReply>, operation: String) throws(RedisFailure) {
        guard Int(reply.pointee.type) == Int(REDIS_REPLY_ERROR) else { return }
        let message = reply.pointee.str.map {
            String(decoding: UnsafeRawBufferPointer(start: $0, count: reply.pointee.len), as: UTF8.self)
        } ?? "error reply"
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
final class RedisContextHandle {
    let context: UnsafeMutablePointer<redisContext>
    init(_ context: UnsafeMutablePointer<redisContext>) { self.context = context }
    deinit { redisFree(context) }
}
