import JSONCore
import Logging
import Testing
import VConModel
@testable import Storage

/// A CachedVConStore over its own Postgres pool and its own Redis connection: what one server
/// process holds. Two stacks on the same schema and prefix behave like two processes.
struct CacheStack {
    let postgres: PostgresVConStore
    let hooked: HookedStore
    let cache: RedisVConCache?
    let store: CachedVConStore
    /// The first stack on a schema drops it when closed.
    let dropsSchema: Bool

    static func open(schema: String, prefix: String, redisURL: String? = nil, withCache: Bool = true,
                     fillMode: RedisVConCache.FillMode = .versioned, commandTimeoutMillis: Int = 250, dropsSchema: Bool = true,
                     backgroundFills: Bool = false,
                     logger: Logger = RedisTestEnv.quietLogger) async throws -> CacheStack {
        let postgres = try await PostgresVConStore.open(configuration: try RedisTestEnv.postgresConfiguration(schema: schema),
                                                        logger: logger)
        let hooked = HookedStore(base: postgres)
        var cache: RedisVConCache?
        if withCache {
            let config = try RedisTestEnv.redisConfiguration(prefix: prefix, url: redisURL, commandTimeoutMillis: commandTimeoutMillis)
            let c = try RedisVConCache(config, tombstoneMinimumSeconds: 11, logger: logger, fillMode: fillMode)
            await c.start()
            cache = c
        }
        return CacheStack(postgres: postgres, hooked: hooked, cache: cache,
                          store: CachedVConStore(store: hooked, cache: cache, prefix: prefix,
                                                 backgroundFillLimit: backgroundFills ? 64 : 0, logger: logger),
                          dropsSchema: dropsSchema)
    }

    func close() async {
        await cache?.close()
        if dropsSchema { await dropSchema(of: postgres) }
        await postgres.close()
    }

    func create(subject: String = "cache test") async throws -> (VConID, Int64) {
        let ingest = RedisTestEnv.makeVCon(subject: subject)
        #expect(ingest.isValid, "\(ingest.issues)")
        let result = try await store.create(ingest, replace: false)
        return (result.uuid, result.version)
    }
}
