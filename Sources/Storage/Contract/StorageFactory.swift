import Logging

/// What the tool layer needs beyond `VConStore`: the cache's counters and the services' health.
public protocol VConStoreReporting: Sendable {
    func cacheStats() async -> CacheStats
    func postgresStatus() async -> ServiceStatus
    func redisStatus() async -> ServiceStatus
}

public typealias ServedVConStore = VConStore & VConStoreReporting

/// Opens Postgres (migrating the schema, starting the private cluster when no URL is given) and,
/// when configured, Redis; returns the cache-first store. Throws `StorageError` (`.configuration`,
/// `.unavailable`); Redis being down is not an error (the cache starts bypassed and comes back).
public enum StorageFactory {
    public static func open(_ configuration: StorageConfiguration, logger: Logger) async throws -> any ServedVConStore {
        try await StorageOpener.open(configuration, logger: logger)
    }
}
