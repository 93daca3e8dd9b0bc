/// The raw floors (same documents, same run) and the start-up measurement.
enum Floors {
    /// GET of the given keys round robin; at depth > 1, batches of `depth` pipelined GETs.
    static func redisGet(_ redis: RawRedis, keys: [[UInt8]], count: Int, depth: Int) throws -> PhaseResult {
        let get = Array("GET".utf8)
        var samples = Samples(capacity: count)
        let started = monotonicNanos()
        var done = 0
        while done < count {
            let batch = min(depth, count - done)
            let t0 = monotonicNanos()
            for i in 0..<batch { try redis.append([get, keys[(done + i) % keys.count]]) }
            for _ in 0..<batch {
                guard case .string = try redis.reply() else { throw BenchError("raw GET found no entry") }
                samples.add(nanos: monotonicNanos() - t0)
            }
            done += batch
        }
        return PhaseResult(samples: samples, wallNanos: monotonicNanos() - started, count: count)
    }

    static func redisSet(_ redis: RawRedis, key: [UInt8], value: [UInt8], count: Int) throws -> PhaseResult {
        let args = [Array("SET".utf8), key, value, Array("EX".utf8), Array("3600".utf8)]
        return try timed(count) { _ in _ = try redis.command(args) }
    }

    static func postgresSelect(_ postgres: RawPostgres, uuids: [String], count: Int) throws -> PhaseResult {
        try timed(count) { i in _ = try postgres.selectDocument(uuids[i % uuids.count]) }
    }

    private static func timed(_ count: Int, _ body: (Int) throws -> Void) throws -> PhaseResult {
        var samples = Samples(capacity: count)
        let started = monotonicNanos()
        for i in 0..<count {
            let t0 = monotonicNanos()
            try body(i)
            samples.add(nanos: monotonicNanos() - t0)
        }
        return PhaseResult(samples: samples, wallNanos: monotonicNanos() - started, count: count)
    }

    struct Startup { var initialize = Samples(); var firstGet = Samples() }

    /// Spawns the server `spawns` times; writes initialize, initialized and a get_vcon at once and
    /// times the first two answers from the spawn call.
    static func startup(spawns: Int, executable: String, environment: [String: String], stderrPath: String,
                        firstGet: (Int) -> [UInt8]) throws -> Startup {
        var result = Startup()
        for _ in 0..<spawns {
            let server = try ServerProcess(executable: executable, environment: environment, stderrPath: stderrPath)
            let hello = Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"StdioBenchmark","version":"1"}}}"#.utf8) + [0x0A]
                + Array(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8) + [0x0A]
            try server.send(hello + firstGet(2))
            for _ in 0..<2 {
                guard let line = try server.reader.next() else { throw BenchError("server exited during start-up") }
                let elapsed = monotonicNanos() - server.spawnedAt
                if RPCClient.isFailure(line) { throw BenchError("start-up request failed") }
                switch RPCClient.answerID(line) {
                case 1: result.initialize.add(nanos: elapsed)
                case 2: result.firstGet.add(nanos: elapsed)
                default: throw BenchError("unexpected start-up frame")
                }
            }
            server.finish()
        }
        return result
    }
}
