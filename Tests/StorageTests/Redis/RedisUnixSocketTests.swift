import Foundation
import Testing
import VConModel
@testable import Storage

extension RedisIntegration {
    /// `unix:///path` URLs, against a private redis-server listening only on a Unix socket.
    @Suite(.enabled(if: RedisTestEnv.available)) struct UnixSocket {
        @Test func cacheOverAUnixSocketWithADatabase() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vcon-redis-\(UInt32.random(in: .min ... .max))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let socketPath = directory.appendingPathComponent("redis.sock").path
            let arguments = ["redis-server", "--port", "0", "--unixsocket", socketPath, "--unixsocketperm", "700",
                             "--save", "", "--appendonly", "no", "--dir", directory.path]
            let pid = try #require(ChildProcess.spawn(arguments), "redis-server not found")
            defer { kill(pid, SIGTERM); ChildProcess.wait(pid) }
            #expect(await RedisTestEnv.eventually(timeout: .seconds(10)) { FileManager.default.fileExists(atPath: socketPath) })

            let prefix = RedisTestEnv.uniquePrefix("unix")
            let config = try RedisTestEnv.redisConfiguration(prefix: prefix, url: "unix://\(socketPath)?db=2")
            let cache = try await RedisVConCache.open(config, logger: RedisTestEnv.quietLogger)
            #expect(cache.stats().connected)
            let uuid = VConID("0190a5c8-0000-8000-8000-00000000beef")!
            guard case let .miss(token?) = await cache.lookup(uuid) else { Issue.record("expected a fillable miss"); return }
            await cache.fill(StoredVCon(uuid: uuid, version: 1, document: .init(unchecked: Array("{}".utf8))), token: token)
            guard case .hit = await cache.lookup(uuid) else { Issue.record("expected a hit"); return }
            await cache.close()
            let raw = try await RedisTestEnv.rawConnection(url: "unix://\(socketPath)?db=2")
            #expect(try await raw.command([Array("EXISTS".utf8), Array("\(prefix)v:\(uuid)".utf8)], operation: "exists").integer == 1)
        }
    }
}
