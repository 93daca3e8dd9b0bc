import JSONCore
import TestSupport
import Testing
import VConModel
@testable import Storage

extension RedisIntegration {
    /// Redis absent, down, restarted or partitioned: no request fails, no stale read, the cache comes back.
    @Suite(.enabled(if: RedisTestEnv.available)) struct Faults {
        @Test func redisStoppedMidRunThenRestarted() async throws {
            try await withServices(exclusive: true) {
                _ = try #require(RedisTestEnv.servicesScript, "VCON_SERVICES_SCRIPT is not set")
                let label = "stop-\(UInt32.random(in: .min ... .max))"
                let stack = try await CacheStack.open(schema: RedisTestEnv.uniqueSchema("stop"), prefix: RedisTestEnv.uniquePrefix("stop"),
                                                      logger: CountingLogHandler.logger(label))
                defer { Task { await stack.close() } }
                let cache = try #require(stack.cache)
                var ids: [VConID] = []
                for _ in 0..<3 { ids.append(try await stack.create().0) }
                for id in ids { _ = try await stack.store.get(id); _ = try await stack.store.get(id) }
                #expect(cache.stats().hits == 3)

                try RedisTestEnv.runServices("redis-stop")
                var latest: [VConID: Int64] = [:]
                var slowest = Duration.zero
                for round in 0..<20 {                       // every request succeeds while Redis is gone
                    for id in ids {
                        let started = ContinuousClock.now
                        if round % 4 == 0 { latest[id] = try await stack.store.update(id, mergePatch: ["subject": .string("r\(round)")]).version }
                        let got = try await stack.store.get(id)
                        #expect(got != nil && got!.version >= (latest[id] ?? 0))
                        slowest = max(slowest, started.duration(to: .now))
                    }
                }
                #expect(cache.stats().connected == false)
                #expect(slowest < .seconds(1), "bounded added latency: \(slowest)")
                #expect(CountingLogHandler.count(label, .warning) == 1, "one warning per outage, not per request")

                let infosBefore = CountingLogHandler.count(label, .info)
                try RedisTestEnv.runServices("redis-start")
                #expect(await RedisTestEnv.eventually { cache.stats().connected }, "the cache resumes by itself")
                let hitsBefore = cache.stats().hits
                for id in ids {
                    #expect(try await stack.store.get(id)?.version == latest[id])     // miss, fill
                    #expect(try await stack.store.get(id)?.version == latest[id])     // hit
                }
                #expect(cache.stats().hits == hitsBefore + ids.count)
                #expect(cache.stats().reconnects >= 1)
                #expect(CountingLogHandler.count(label, .info) == infosBefore + 1, "one info when back")
                #expect(CountingLogHandler.count(label, .warning) == 1)
            }
        }

        /// Redis alive but unreachable while a write happens (a proxy drops the traffic), then reachable
        /// again with its old entry: no stale read afterwards, in this process or in new ones.
        @Test func partitionDuringAWriteThenHealed() async throws {
            try await withServices {
                guard let (proxy, viaProxy) = try DroppingProxy.toTestRedis() else { Issue.record("needs a TCP REDIS_URL"); return }
                defer { proxy.stop() }

                let schema = RedisTestEnv.uniqueSchema("partition"), prefix = RedisTestEnv.uniquePrefix("partition")
                let writer = try await CacheStack.open(schema: schema, prefix: prefix, redisURL: viaProxy)
                defer { Task { await writer.close() } }
                let cache = try #require(writer.cache)
                let (uuid, v1) = try await writer.create()
                _ = try await writer.store.get(uuid)
                #expect(try await writer.store.get(uuid)?.version == v1)
                #expect(cache.stats().hits == 1)

                proxy.setDropping(true)
                let started = ContinuousClock.now
                let write = try await writer.store.update(uuid, mergePatch: ["subject": "written while cut off"])
                // One command timeout is 250 ms, stretched like it by VCON_TEST_SLOW (RedisTestEnv).
                #expect(started.duration(to: .now) < TestTiming.scaled(.seconds(2)), "the write waits for one command timeout at most")
                #expect(cache.stats().connected == false)

                // The scenario is real: Redis still holds the old entry.
                let raw = try await RedisTestEnv.rawConnection()
                let old = try await raw.command([Array("GET".utf8), Array("\(prefix)v:\(uuid)".utf8)], operation: "get").bytes ?? []
                #expect(old.starts(with: Array("D\(v1):".utf8)))

                #expect(try await writer.store.get(uuid)?.version == write.version, "served from Postgres meanwhile")
                // A new process while the writer is still cut off (or crashed before repairing).
                let newcomer = try await CacheStack.open(schema: schema, prefix: prefix, dropsSchema: false)
                #expect(try await newcomer.store.get(uuid)?.version == write.version)
                #expect(try await newcomer.store.get(uuid)?.version == write.version)
                await newcomer.close()

                proxy.setDropping(false)
                #expect(await RedisTestEnv.eventually { cache.stats().connected }, "reconnects by itself after the partition")
                #expect(try await writer.store.get(uuid)?.version == write.version)
                #expect(try await writer.store.get(uuid)?.version == write.version)
                let later = try await CacheStack.open(schema: schema, prefix: prefix, dropsSchema: false)
                #expect(try await later.store.get(uuid)?.version == write.version)
                await later.close()
            }
        }

        /// The writer's own repair, isolated: with a fresh epoch already taken by nobody else, the
        /// writer that failed to invalidate must not serve its old entry once it is back.
        @Test func theWriterRepairsBeforeServingAgain() async throws {
            try await withServices {
                guard let (proxy, viaProxy) = try DroppingProxy.toTestRedis() else { Issue.record("needs a TCP REDIS_URL"); return }
                defer { proxy.stop() }
                let schema = RedisTestEnv.uniqueSchema("repair"), prefix = RedisTestEnv.uniquePrefix("repair")
                let writer = try await CacheStack.open(schema: schema, prefix: prefix, redisURL: viaProxy)
                defer { Task { await writer.close() } }
                let cache = try #require(writer.cache)
                let (uuid, v1) = try await writer.create()
                _ = try await writer.store.get(uuid)
                #expect(try await writer.store.get(uuid)?.version == v1)

                proxy.setDropping(true)
                let write = try await writer.store.update(uuid, mergePatch: ["subject": "cut off"])
                proxy.setDropping(false)
                #expect(await RedisTestEnv.eventually { cache.stats().connected })
                let hitsBefore = cache.stats().hits
                #expect(try await writer.store.get(uuid)?.version == write.version)
                #expect(cache.stats().hits == hitsBefore, "the old entry was not served: the epoch moved")
            }
        }

        /// Redis restarts from an old snapshot (or a replica that missed our tombstone is promoted):
        /// the old entry and the old epoch are back. Every reconnect starts a new epoch, so no stale read.
        @Test func redisComesBackFromAnOldSnapshot() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("snapshot")
                let stack = try await CacheStack.open(schema: RedisTestEnv.uniqueSchema("snapshot"), prefix: prefix)
                defer { Task { await stack.close() } }
                let cache = try #require(stack.cache)
                let (uuid, v1) = try await stack.create()
                _ = try await stack.store.get(uuid)
                #expect(try await stack.store.get(uuid)?.version == v1)
                let raw = try await RedisTestEnv.rawConnection()
                let entryKey = Array("\(prefix)v:\(uuid)".utf8), epochKey = Array("\(prefix)epoch".utf8)
                let oldEntry = try #require(try await raw.command([Array("GET".utf8), entryKey], operation: "get").bytes)
                let oldEpoch = try #require(try await raw.command([Array("GET".utf8), epochKey], operation: "get").bytes)

                let write = try await stack.store.update(uuid, mergePatch: ["subject": "after the snapshot"])
                // The "restart": every client connection drops, the snapshot's entry and epoch return.
                _ = try await raw.command(["CLIENT", "KILL", "SKIPME", "yes", "TYPE", "normal"].map { Array($0.utf8) }, operation: "kill")
                _ = try await raw.command([Array("SET".utf8), entryKey, oldEntry], operation: "restore")
                _ = try await raw.command([Array("SET".utf8), epochKey, oldEpoch], operation: "restore")

                #expect(try await stack.store.get(uuid)?.version == write.version)
                #expect(await RedisTestEnv.eventually { cache.stats().connected })
                let hitsBefore = cache.stats().hits
                #expect(try await stack.store.get(uuid)?.version == write.version)
                #expect(try await stack.store.get(uuid)?.version == write.version)
                #expect(cache.stats().hits == hitsBefore + 1, "the fresh fill is served, never the restored entry")
            }
        }

        /// The epoch key vanishes under a live connection (FLUSHALL, eviction): misses, then the cache
        /// recreates it and serves again.
        @Test func epochKeyVanishes() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("vanish")
                let stack = try await CacheStack.open(schema: RedisTestEnv.uniqueSchema("vanish"), prefix: prefix)
                defer { Task { await stack.close() } }
                let cache = try #require(stack.cache)
                let (uuid, v1) = try await stack.create()
                _ = try await stack.store.get(uuid)
                let raw = try await RedisTestEnv.rawConnection()
                _ = try await raw.command([Array("DEL".utf8), Array("\(prefix)epoch".utf8)], operation: "del")
                #expect(try await stack.store.get(uuid)?.version == v1)     // miss: the entry's epoch is gone
                #expect(try await stack.store.get(uuid)?.version == v1)     // miss, fill under the new epoch
                let hitsBefore = cache.stats().hits
                #expect(try await stack.store.get(uuid)?.version == v1)
                #expect(cache.stats().hits == hitsBefore + 1)
                #expect(cache.stats().connected)
            }
        }
    }
}
