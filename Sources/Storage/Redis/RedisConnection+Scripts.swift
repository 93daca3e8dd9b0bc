internal import CHiredis

extension RedisConnection {
    /// SCRIPT LOAD for each script not loaded yet (or all, after a NOSCRIPT).
    func loadScripts(force: Bool = false) throws(RedisFailure) {
        for script in RedisScript.allCases where force || scriptSHAs[script] == nil {
            let reply = try command([Array("SCRIPT".utf8), Array("LOAD".utf8), Array(script.source.utf8)], operation: "script.load")
            guard let sha = reply.bytes else {
                throw RedisFailure(kind: .protocolError, operation: "script.load", message: "no SHA in reply", connection: connectionID)
            }
            scriptSHAs[script] = sha
        }
    }

    /// EVALSHA, reloading the scripts once after NOSCRIPT (a restarted or flushed server).
    func evaluate<T: Sendable>(_ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]], operation: String,
                               decode: @Sendable (UnsafePointer<redisReply>) throws(RedisFailure) -> T) throws(RedisFailure) -> T {
        if scriptSHAs[script] == nil { try loadScripts() }
        func call() throws(RedisFailure) -> T {
            let argv = [Array("EVALSHA".utf8), scriptSHAs[script] ?? [], Array(String(keys.count).utf8)] + keys + arguments
            return try command(argv, operation: operation, decode: decode)
        }
        do {
            return try call()
        } catch where error.kind == .noScript {
            try loadScripts(force: true)
            return try call()
        }
    }

    func evaluate(_ script: RedisScript, keys: [[UInt8]], arguments: [[UInt8]], operation: String) throws(RedisFailure) -> RedisReply {
        try evaluate(script, keys: keys, arguments: arguments, operation: operation) { RedisReply(copying: $0) }
    }
}
