import Foundation
import JSONCore
import Logging
import Storage
import VConModel

/// The store when PostgreSQL could not be reached at start-up. The server runs anyway (an
/// assistant then sees a clear, retryable error and server_status says why) and opens the real
/// store on the first call after the database is back, at most one attempt per `retryInterval`.
actor DeferredStore: ForwardingVConStore {
    private let configuration: StorageConfiguration
    private let logger: Logger
    private let retryInterval: TimeInterval
    private var opened: (any ServedVConStore)?
    private var opening: Task<any ServedVConStore, any Error>?
    private var lastError: StorageError
    private var lastAttempt: Date

    init(configuration: StorageConfiguration, initialError: StorageError, logger: Logger, retryInterval: TimeInterval = 2) {
        self.configuration = configuration; self.logger = logger; self.retryInterval = retryInterval
        self.lastError = initialError; self.lastAttempt = Date()
    }

    /// The real store, opening it when the last attempt is old enough; else the last error.
    func current() async throws -> any ServedVConStore {
        if let opened { return opened }
        if let opening { return try await opening.value }
        guard Date().timeIntervalSince(lastAttempt) >= retryInterval else { throw lastError }
        lastAttempt = Date()
        let configuration = self.configuration, logger = self.logger
        let task = Task { try await StorageFactory.open(configuration, logger: logger) }
        opening = task
        defer { opening = nil }
        do {
            let store = try await task.value
            opened = store
            logger.notice("storage opened after start-up failure")
            return store
        } catch let error as StorageError {
            lastError = error
            throw error
        } catch {
            lastError = StorageError(.unavailable, operation: "storage.open", message: "could not open storage")
            throw lastError
        }
    }

    // The VConStore calls come from ForwardingVConStore.
    func status() async -> ServiceStatus { await postgresStatus() }

    // VConStoreReporting: report the start-up problem until the store opens.
    func cacheStats() async -> CacheStats {
        if let store = try? await current() { return await store.cacheStats() }
        return CacheStats(enabled: configuration.redis.url != nil, connected: false,
                          ttlSeconds: configuration.redis.expirySeconds, prefix: configuration.redis.prefix)
    }
    func postgresStatus() async -> ServiceStatus {
        if let store = try? await current() { return await store.postgresStatus() }
        return ServiceStatus(state: .down, detail: lastError.description)
    }
    func redisStatus() async -> ServiceStatus {
        if let store = try? await current() { return await store.redisStatus() }
        guard configuration.redis.url != nil else { return ServiceStatus(state: .disabled, detail: "REDIS_URL is not set") }
        return ServiceStatus(state: .down, detail: "not connected: PostgreSQL could not be opened yet")
    }
}
