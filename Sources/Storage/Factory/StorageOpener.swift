import Logging

/// What `StorageFactory.open` does: Postgres first (it is the source of truth: its failure is the
/// caller's error), then the cache when a URL is configured (Redis down is not an error: the cache
/// starts bypassed and comes back by itself; a malformed URL is a `.configuration` error).
enum StorageOpener {
    static func open(_ configuration: StorageConfiguration, logger: Logger) async throws -> CachedVConStore {
        let postgres = try await PostgresVConStore.open(configuration: configuration.postgres, logger: logger)
        var cache: RedisVConCache?
        if configuration.redis.url != nil {
            do {
                // The slowest fill is bounded by the statement timeout; tombstones outlive it.
                let statementSeconds = (configuration.postgres.statementTimeoutMillis + 999) / 1000
                cache = try await RedisVConCache.open(configuration.redis, tombstoneMinimumSeconds: statementSeconds + 1,
                                                      logger: logger)
            } catch {
                await postgres.close()
                throw error
            }
        } else {
            logger.info("redis cache disabled (no REDIS_URL)")
        }
        return CachedVConStore(store: postgres, cache: cache, ttlSeconds: configuration.redis.expirySeconds,
                               prefix: configuration.redis.prefix, logger: logger)
    }
}
