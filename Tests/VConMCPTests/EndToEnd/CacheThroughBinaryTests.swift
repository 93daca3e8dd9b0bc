import Foundation
import JSONCore
import TestSupport
import Testing

/// The cache seen from outside: counters per step and the Redis entry's TTL.
@Suite(.enabled(if: TestEnvironment.servicesConfigured))
struct CacheThroughBinaryTests {
    struct Counters: Equatable {
        var hits = 0, misses = 0, fills = 0, invalidations = 0
        init(_ s: JSON) {
            hits = s["hits"]?.intValue ?? -1; misses = s["misses"]?.intValue ?? -1
            fills = s["fills"]?.intValue ?? -1; invalidations = s["invalidations"]?.intValue ?? -1
        }
    }

    @Test func createGetMissHitUpdateDeleteWalk() throws {
        let services = try TestEnvironment.requireServices()
        let expiry = 777
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: ["VCON_REDIS_EXPIRY": String(expiry)])
        defer { setup.cleanUp() }
        let c = try MCPTestClient(binary: try TestEnvironment.binary(), environment: setup.env)
        try c.initialize()
        func stats() throws -> Counters { Counters(try c.ok("get_cache_stats")) }
        // A miss answers first and fills the cache in the background: wait (bounded) for the fill.
        func statsAfterFill(atLeast fills: Int) throws -> Counters {
            let deadline = ContinuousClock.now + TestTiming.scaled(.seconds(20))
            var s = try stats()
            while s.fills < fills, ContinuousClock.now < deadline { s = try stats() }
            return s
        }

        let start = try c.ok("get_cache_stats")
        #expect(start["enabled"] == true && start["connected"] == true)
        #expect(start["ttl_seconds"] == .int(expiry) && start["prefix"] == .string(setup.prefix))

        let uuid = UUID().uuidString.lowercased()
        _ = try c.ok("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: "Before")])
        let afterCreate = try stats()

        // First read: a miss that fills the cache.
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid)])["vcon"]?["subject"] == "Before")
        let afterMiss = try statsAfterFill(atLeast: afterCreate.fills + 1)
        #expect(afterMiss.misses == afterCreate.misses + 1)
        #expect(afterMiss.hits == afterCreate.hits)
        #expect(afterMiss.fills == afterCreate.fills + 1)

        // The entry lives under our prefix with the configured TTL.
        let keys = try RedisProbe.keys(services.redis, prefix: setup.prefix, containing: uuid)
        #expect(keys.count == 1, "one cache entry for the vCon: \(keys)")
        if let key = keys.first {
            let ttl = try RedisProbe.ttl(services.redis, key: key)
            #expect(ttl <= expiry && ttl >= expiry - 5, "TTL \(ttl) should be VCON_REDIS_EXPIRY=\(expiry)")
        }

        // Second read: a hit.
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid)])["vcon"]?["subject"] == "Before")
        let afterHit = try stats()
        #expect(afterHit.hits == afterMiss.hits + 1)
        #expect(afterHit.misses == afterMiss.misses)

        // An update invalidates; the next read shows the new content, not the cached old one.
        _ = try c.ok("update_vcon", ["uuid": .string(uuid), "updates": ["subject": "After"]])
        let afterUpdate = try stats()
        #expect(afterUpdate.invalidations > afterHit.invalidations)
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid)])["vcon"]?["subject"] == "After")
        let afterReread = try statsAfterFill(atLeast: afterUpdate.fills + 1)
        #expect(afterReread.misses == afterUpdate.misses + 1)
        #expect(afterReread.hits == afterUpdate.hits)
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid)])["vcon"]?["subject"] == "After")
        #expect(try stats().hits == afterReread.hits + 1)

        // Delete invalidates; the next read says not found.
        let beforeDelete = try stats()
        #expect(try c.ok("delete_vcon", ["uuid": .string(uuid)])["deleted"] == true)
        let afterDelete = try stats()
        #expect(afterDelete.invalidations > beforeDelete.invalidations)
        #expect(try c.failure("get_vcon", ["uuid": .string(uuid)]).contains("No vCon"))
        let end = try stats()
        #expect(end.hits == afterDelete.hits, "a deleted vCon is never served from the cache")
        #expect(try c.finish() == 0)
    }
}
