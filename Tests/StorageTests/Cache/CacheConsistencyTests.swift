import JSONCore
import Synchronization
import Testing
import VConModel
@testable import Storage

extension RedisIntegration {
    /// "No stale read after a write has returned" (DESIGN.md §4), through two CachedVConStore
    /// instances with two Postgres pools and two Redis connections, as two server processes.
    @Suite(.enabled(if: RedisTestEnv.available)) struct Consistency {
        /// The race plain cache-aside loses, made deterministic (fills awaited here, so the stale fill
        /// has landed, or been refused, before the next read): a reader misses and reads version 1
        /// from Postgres; before it fills, another process writes version 2 and returns; then the
        /// reader's fill arrives. With the versioned fill it is refused by the tombstone; with a plain
        /// SET (the test-only mode) it lands, and a read after the write returns version 1: stale.
        @Test(arguments: [RedisVConCache.FillMode.versioned, .plainSetForTests])
        func aSlowFillCannotOverwriteALaterWrite(mode: RedisVConCache.FillMode) async throws {
            try await withServices {
                let schema = RedisTestEnv.uniqueSchema("race"), prefix = RedisTestEnv.uniquePrefix("race")
                let reader = try await CacheStack.open(schema: schema, prefix: prefix, fillMode: mode)
                let writer = try await CacheStack.open(schema: schema, prefix: prefix, dropsSchema: false)
                defer { Task { await reader.close(); await writer.close() } }
                let (uuid, v1) = try await writer.create()

                let latches = reader.hooked.holdNextGet()
                let slowRead = Task { try await reader.store.get(uuid) }
                await latches.read.wait()                      // it has read version 1, not filled yet
                let write = try await writer.store.update(uuid, mergePatch: ["subject": "written"])
                await latches.release.open()
                #expect(try await slowRead.value?.version == v1, "a read concurrent with the write may return the old version")

                let after = try await reader.store.get(uuid)   // strictly after the write returned
                switch mode {
                case .versioned:
                    #expect(after?.version == write.version)
                    #expect(reader.cache?.stats().refusedFills == 1)
                case .plainSetForTests:
                    #expect(after?.version == v1, "plain SET: the stale fill overwrote the tombstone")
                }
            }
        }

        /// With `fillMode: .plainSetForTests` on both stacks this test fails too (one run: 433 stale reads
        /// of 21,370); the deterministic test above shows the same every time.
        @Test func manyTasksTwoProcessesNoStaleRead() async throws {
            try await withServices {
                let schema = RedisTestEnv.uniqueSchema("stress"), prefix = RedisTestEnv.uniquePrefix("stress")
                // Fills in the background, as the server runs them.
                let a = try await CacheStack.open(schema: schema, prefix: prefix, backgroundFills: true)
                let b = try await CacheStack.open(schema: schema, prefix: prefix, dropsSchema: false, backgroundFills: true)
                defer { Task { await a.close(); await b.close() } }
                var ids: [VConID] = []
                for i in 0..<6 { ids.append(try await a.create(subject: "stress \(i)").0) }
                let uuids = ids
                let stores = [a.store, b.store]
                let tally = Tally()

                let deadline = ContinuousClock.now + .seconds(4)

                try await withThrowingTaskGroup(of: Void.self) { group in
                    for w in 0..<3 {
                        group.addTask {
                            var n = 0
                            while ContinuousClock.now < deadline {
                                let uuid = uuids[(w + n) % uuids.count]
                                let result = try await stores[n % 2].update(uuid, mergePatch: ["subject": .string("w\(w)-\(n)")])
                                tally.floors.withLock { $0[uuid] = max($0[uuid] ?? 0, result.version) }
                                tally.counts.withLock { $0.writes += 1 }
                                n += 1
                            }
                        }
                    }
                    for r in 0..<8 {
                        group.addTask {
                            var n = 0
                            while ContinuousClock.now < deadline {
                                let uuid = uuids[(r * 7 + n) % uuids.count]
                                let floor = tally.floors.withLock { $0[uuid] ?? 0 }
                                let got = try await stores[(r + n) % 2].get(uuid)
                                tally.counts.withLock { c in
                                    c.reads += 1
                                    if (got?.version ?? 0) < floor { c.stale += 1 }
                                }
                                n += 1
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let result = tally.counts.withLock { $0 }
                let hits = a.cache!.stats().hits + b.cache!.stats().hits
                #expect(result.stale == 0, "reads older than a returned write: \(result.stale) of \(result.reads)")
                #expect(result.writes > 30 && result.reads > 100, "\(result)")
                #expect(hits > 0, "the cache was exercised")
                #expect(a.cache!.stats().errors + b.cache!.stats().errors == 0)
            }
        }
    }
}

private final class Tally: Sendable {
    /// Highest version whose write has returned, per uuid.
    let floors = Mutex<[VConID: Int64]>([:])
    let counts = Mutex((reads: 0, writes: 0, stale: 0))
}
