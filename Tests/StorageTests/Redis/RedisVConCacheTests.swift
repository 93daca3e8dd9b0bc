import JSONCore
import Testing
import VConModel
@testable import Storage

extension RedisIntegration {
    @Suite(.enabled(if: RedisTestEnv.available)) struct CacheLayer {
        let uuid = VConID("0190a5c8-0000-8000-8000-00000000c0de")!

        func open(_ prefix: String, expiry: Int = 3600, tombstoneMinimum: Int = 30,
                  fillMode: RedisVConCache.FillMode = .versioned) async throws -> RedisVConCache {
            let cache = try RedisVConCache(try RedisTestEnv.redisConfiguration(prefix: prefix, expiry: expiry),
                                           tombstoneMinimumSeconds: tombstoneMinimum, logger: RedisTestEnv.quietLogger,
                                           fillMode: fillMode)
            await cache.start()
            #expect(cache.stats().connected)
            return cache
        }

        func stored(_ version: Int64, _ text: String = "{}") -> StoredVCon {
            StoredVCon(uuid: uuid, version: version, document: RawJSON(unchecked: Array(text.utf8)))
        }

        @Test func missFillHitWithTheTTLOnTheRealKey() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("fill")
                let cache = try await open(prefix, expiry: 1234)
                defer { Task { await cache.close() } }
                guard case let .miss(token?) = await cache.lookup(uuid) else { Issue.record("expected a fillable miss"); return }
                await cache.fill(stored(7, "{\"v\":7}"), token: token)
                guard case let .hit(hit) = await cache.lookup(uuid) else { Issue.record("expected a hit"); return }
                #expect(hit.version == 7)
                #expect(hit.document.bytes == Array("{\"v\":7}".utf8))

                let raw = try await RedisTestEnv.rawConnection()
                let ttl = try await raw.command([Array("TTL".utf8), Array("\(prefix)v:\(uuid)".utf8)], operation: "ttl").integer
                #expect(ttl.map { (1225...1234).contains($0) } == true, "TTL \(String(describing: ttl))")
                let stats = cache.stats()
                #expect(stats.hits == 1 && stats.misses == 1 && stats.fills == 1 && stats.errors == 0)
                #expect(stats.ttlSeconds == 1234 && stats.prefix == prefix)
            }
        }

        @Test func tombstoneRefusesOlderFillsAndLivesAtLeastTheStatementTimeout() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("tomb")
                let cache = try await open(prefix, expiry: 5, tombstoneMinimum: 40)
                defer { Task { await cache.close() } }
                guard case let .miss(token?) = await cache.lookup(uuid) else { Issue.record("expected a fillable miss"); return }
                await cache.invalidate(uuid, version: 10)

                let raw = try await RedisTestEnv.rawConnection()
                let key = Array("\(prefix)v:\(uuid)".utf8)
                #expect(try await raw.command([Array("GET".utf8), key], operation: "get").bytes == Array("T10::".utf8))
                let ttl = try await raw.command([Array("TTL".utf8), key], operation: "ttl").integer ?? 0
                #expect((35...40).contains(ttl), "a tombstone outlives the slowest fill, not just the entry TTL")

                await cache.fill(stored(9), token: token)            // read before the write: refused
                #expect(cache.stats().refusedFills == 1)
                guard case .miss = await cache.lookup(uuid) else { Issue.record("a tombstone is a miss"); return }
                await cache.fill(stored(10), token: token)           // the written version itself: lands
                guard case let .hit(hit) = await cache.lookup(uuid) else { Issue.record("expected a hit"); return }
                #expect(hit.version == 10)
                let entryTTL = try await raw.command([Array("TTL".utf8), key], operation: "ttl").integer ?? 0
                #expect((1...5).contains(entryTTL))

                await cache.invalidate(uuid, version: 9)              // an older tombstone arriving late: no effect
                guard case let .hit(again) = await cache.lookup(uuid) else { Issue.record("expected a hit"); return }
                #expect(again.version == 10)
            }
        }

        @Test func aNewProcessStartsANewEpoch() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("epoch")
                let first = try await open(prefix)
                defer { Task { await first.close() } }
                guard case let .miss(token?) = await first.lookup(uuid) else { Issue.record("expected a fillable miss"); return }
                await first.fill(stored(3), token: token)
                guard case .hit = await first.lookup(uuid) else { Issue.record("expected a hit"); return }

                let second = try await open(prefix)
                defer { Task { await second.close() } }
                guard case .miss = await first.lookup(uuid) else { Issue.record("old-epoch entries are misses"); return }
                guard case .miss = await second.lookup(uuid) else { Issue.record("old-epoch entries are misses"); return }
                // A fill whose lookup saw the old epoch is refused.
                await first.fill(stored(3), token: token)
                #expect(first.stats().refusedFills == 1)
            }
        }

        @Test func scriptsAreReloadedAfterNoScript() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("noscript")
                let cache = try await open(prefix)
                defer { Task { await cache.close() } }
                let raw = try await RedisTestEnv.rawConnection()
                _ = try await raw.command([Array("SCRIPT".utf8), Array("FLUSH".utf8)], operation: "flush")
                guard case let .miss(token?) = await cache.lookup(uuid) else { Issue.record("expected a fillable miss"); return }
                await cache.fill(stored(5), token: token)
                #expect(cache.stats().fills == 1)
                #expect(cache.stats().errors == 0)
                #expect(cache.stats().connected)
            }
        }

        @Test func searchResultsDieWithTheNextWrite() async throws {
            try await withServices {
                let prefix = RedisTestEnv.uniquePrefix("search")
                let cache = try await open(prefix)
                defer { Task { await cache.close() } }
                let query = Array("S-subject=x".utf8)
                guard case let .miss(token?) = await cache.lookupSearch(query) else { Issue.record("expected a fillable miss"); return }
                await cache.fillSearch(Array("page-1".utf8), token: token)
                guard case let .hit(page) = await cache.lookupSearch(query) else { Issue.record("expected a hit"); return }
                #expect(page == Array("page-1".utf8))
                if case .hit = await cache.lookupSearch(Array("S-subject=y".utf8)) { Issue.record("another query must miss") }

                await cache.invalidate(uuid, version: 1)
                guard case let .miss(after?) = await cache.lookupSearch(query) else { Issue.record("a write ends cached searches"); return }
                // A fill that read before the write goes under the old generation: never served.
                await cache.fillSearch(Array("stale".utf8), token: token)
                guard case .miss = await cache.lookupSearch(query) else { Issue.record("stale search served"); return }
                await cache.fillSearch(Array("page-2".utf8), token: after)
                guard case let .hit(fresh) = await cache.lookupSearch(query) else { Issue.record("expected a hit"); return }
                #expect(fresh == Array("page-2".utf8))
            }
        }

        @Test func authWithAndWithoutUserAndDatabaseSelection() async throws {
            try await withServices {
                let direct = try RedisURL(parsing: try RedisTestEnv.requireRedisURL())
                guard case let .tcp(host, port) = direct.endpoint, let password = direct.password else {
                    Issue.record("needs a TCP REDIS_URL with a password"); return
                }
                let prefix = RedisTestEnv.uniquePrefix("db")
                for url in ["redis://:\(password)@\(host):\(port)/1", "redis://default:\(password)@\(host):\(port)/1"] {
                    let config = try RedisTestEnv.redisConfiguration(prefix: prefix, url: url)
                    let cache = try await RedisVConCache.open(config, logger: RedisTestEnv.quietLogger)
                    #expect(cache.stats().connected, "AUTH with the URL's credentials")
                    guard case let .miss(token?) = await cache.lookup(uuid) else { Issue.record("expected a fillable miss"); return }
                    await cache.fill(stored(1), token: token)
                    await cache.close()
                }
                let key = Array("\(prefix)v:\(uuid)".utf8)
                let db0 = try await RedisTestEnv.rawConnection(url: "redis://default:\(password)@\(host):\(port)/0")
                let db1 = try await RedisTestEnv.rawConnection(url: "redis://default:\(password)@\(host):\(port)/1")
                #expect(try await db1.command([Array("EXISTS".utf8), key], operation: "exists").integer == 1, "SELECT 1 on connect")
                #expect(try await db0.command([Array("EXISTS".utf8), key], operation: "exists").integer == 0)
                let wrong = try RedisTestEnv.redisConfiguration(prefix: prefix, url: "redis://default:wrong@\(host):\(port)/0")
                let refused = try await RedisVConCache.open(wrong, logger: RedisTestEnv.quietLogger)
                #expect(refused.stats().connected == false, "a wrong password is an outage, not a crash")
                #expect(refused.status().detail.contains("wrong") == false, "no secret in the status")
                await refused.close()
            }
        }

        @Test func unreachableRedisIsAQuickMissNeverAnError() async throws {
            try await withServices {
                // A port nothing listens on: connection refused at once.
                let config = try RedisTestEnv.redisConfiguration(prefix: "x:", url: "redis://127.0.0.1:1/0")
                let label = "unreachable-\(UInt32.random(in: .min ... .max))"
                let cache = try await RedisVConCache.open(config, logger: CountingLogHandler.logger(label))
                defer { Task { await cache.close() } }
                let started = ContinuousClock.now
                for _ in 0..<200 {
                    guard case .miss(nil) = await cache.lookup(uuid) else { Issue.record("expected a bypass"); return }
                    await cache.invalidate(uuid, version: 1)
                }
                #expect(started.duration(to: .now) < .seconds(1), "a down cache adds no latency (breaker)")
                #expect(cache.stats().connected == false)
                #expect(cache.status().state == .down)
                #expect(CountingLogHandler.count(label, .warning) == 1, "one warning per outage")
            }
        }
    }
}
