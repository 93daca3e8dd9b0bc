import JSONCore
import Testing
import VConModel
@testable import Storage

extension RedisIntegration {
    @Suite(.enabled(if: RedisTestEnv.available)) struct CachedStore {
        @Test func getFillsThenHitsAndEveryWriteInvalidates() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("store")
                let stack = try await CacheStack.open(schema: RedisTestEnv.uniqueSchema("store"), prefix: prefix)
                defer { Task { await stack.close() } }
                let (uuid, v1) = try await stack.create()
                #expect(try await stack.store.get(uuid)?.version == v1)       // miss, fill
                let hit = try await stack.store.get(uuid)                      // hit
                #expect(hit?.version == v1)
                #expect(hit == (try await stack.postgres.get(uuid)), "the cache returns the stored bytes")
                var stats = await stack.store.cacheStats()
                #expect(stats.hits == 1 && stats.fills == 1 && stats.enabled && stats.connected)

                let updated = try await stack.store.update(uuid, mergePatch: ["subject": "changed"])
                #expect(try await stack.store.get(uuid)?.version == updated.version)
                let tagged = try await stack.store.setTag(uuid, key: "k", value: "v")
                #expect(try await stack.store.get(uuid)?.version == tagged.version)
                let appended = try await stack.store.append(uuid, to: .analysis,
                                                            element: ["type": "summary", "vendor": "test", "body": "short", "encoding": "none"])
                #expect(try await stack.store.get(uuid)?.version == appended.version)
                let untagged = try await stack.store.removeAllTags(uuid)
                #expect(try await stack.store.get(uuid)?.version == untagged.version)

                #expect(try await stack.store.delete(uuid))
                #expect(try await stack.store.get(uuid) == nil)
                let raw = try await RedisTestEnv.rawConnection()
                let entry = try await raw.command([Array("GET".utf8), Array("\(prefix)v:\(uuid)".utf8)], operation: "get").bytes
                #expect(entry.map { $0.first == UInt8(ascii: "T") } == true, "a delete leaves a versioned tombstone")
                stats = await stack.store.cacheStats()
                #expect(stats.invalidations == 6, "create, update, tag, append, untag, delete")
                #expect(stats.errors == 0)
            }
        }

        /// A write that committed but reported a lost connection: its version is unknown, so the whole
        /// cache moves to a new epoch before the error reaches the caller.
        @Test func aWriteWithAnUnknownOutcomeDropsTheCache() async throws {
            try await withServices {
                let stack = try await CacheStack.open(schema: RedisTestEnv.uniqueSchema("unknown"), prefix: RedisTestEnv.uniquePrefix("unknown"))
                defer { Task { await stack.close() } }
                let (uuid, v1) = try await stack.create()
                _ = try await stack.store.get(uuid)
                #expect(try await stack.store.get(uuid)?.version == v1)
                stack.hooked.failAfterCommit.withLock { $0 = true }
                await #expect(throws: StorageError.self) { _ = try await stack.store.update(uuid, mergePatch: ["subject": "maybe"]) }
                let current = try #require(try await stack.postgres.get(uuid))
                #expect(current.version > v1, "the write did commit")
                #expect(try await stack.store.get(uuid)?.version == current.version, "no stale read after the failed write")
            }
        }

        @Test func searchesAreCachedUntilTheNextWrite() async throws {
            try await withServices {
                let stack = try await CacheStack.open(schema: RedisTestEnv.uniqueSchema("search"), prefix: RedisTestEnv.uniquePrefix("search"))
                defer { Task { await stack.close() } }
                let (first, _) = try await stack.create(subject: "quarterly billing call")
                let query = VConSearchQuery(filter: VConFilter(subject: "billing"), limit: 10)
                #expect(try await stack.store.search(query).items.map(\.uuid) == [first])
                let hitsBefore = await stack.store.cacheStats().hits
                #expect(try await stack.store.search(query).items.map(\.uuid) == [first])
                #expect(await stack.store.cacheStats().hits == hitsBefore + 1)
                let (second, _) = try await stack.create(subject: "billing dispute")
                #expect(Set(try await stack.store.search(query).items.map(\.uuid)) == [first, second], "a write ends cached results")
            }
        }

        @Test func withoutRedisEverythingIsServedFromPostgres() async throws {
            try await withServices {
                let configuration = StorageConfiguration(postgres: try RedisTestEnv.postgresConfiguration(schema: RedisTestEnv.uniqueSchema("nocache")),
                                                         redis: .init(url: nil))
                let store = try await StorageFactory.open(configuration, logger: RedisTestEnv.quietLogger)
                let ingest = RedisTestEnv.makeVCon()
                let created = try await store.create(ingest, replace: false)
                #expect(try await store.get(created.uuid)?.version == created.version)
                #expect(await store.cacheStats().enabled == false)
                #expect(await store.redisStatus().state == .disabled)
                #expect(await store.postgresStatus().state == .up)
                if let cached = store as? CachedVConStore, let postgres = cached.store as? PostgresVConStore {
                    await cached.close()
                    await dropSchema(of: postgres)
                    await postgres.close()
                }
            }
        }

        @Test func factoryOpensTheCacheWhenConfigured() async throws {
            try await withServices {
                let configuration = StorageConfiguration(
                    postgres: try RedisTestEnv.postgresConfiguration(schema: RedisTestEnv.uniqueSchema("factory")),
                    redis: try RedisTestEnv.redisConfiguration(prefix: RedisTestEnv.uniquePrefix("factory")))
                let store = try await StorageFactory.open(configuration, logger: RedisTestEnv.quietLogger)
                let created = try await store.create(RedisTestEnv.makeVCon(), replace: false)
                #expect(try await store.get(created.uuid)?.version == created.version)   // miss: returned before its fill
                #expect(await RedisTestEnv.eventually { await store.cacheStats().fills == 1 }, "the fill lands in the background")
                #expect(try await store.get(created.uuid)?.version == created.version)
                #expect(await store.cacheStats().hits == 1)
                #expect(await store.redisStatus().state == .up)
                #expect(await store.redisStatus().detail.contains("vcon-redis-secret") == false)
                if let cached = store as? CachedVConStore, let postgres = cached.store as? PostgresVConStore {
                    await cached.close()
                    await dropSchema(of: postgres)
                    await postgres.close()
                }

                let bad = StorageConfiguration(postgres: configuration.postgres, redis: .init(url: "redis://h:notaport"))
                await #expect(throws: StorageError.self) { _ = try await StorageFactory.open(bad, logger: RedisTestEnv.quietLogger) }
            }
        }
    }
}
