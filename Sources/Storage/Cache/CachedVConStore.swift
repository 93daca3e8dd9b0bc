import JSONCore
import Logging
import Synchronization
import VConModel

/// Postgres (any `VConStore`, the source of truth) behind an optional cache (DESIGN.md §4).
/// - `get`: one cache round trip on a hit; on a miss, the store's row, then a conditional fill.
/// - Every mutation commits first, then invalidates (a tombstone with the new version, which also
///   bumps the search generation). A write whose outcome is unknown (the store failed in a way that
///   may have committed) starts a new cache epoch instead, since its version is unknown.
/// - Searches are cached per search generation.
/// Cache trouble never fails a request: it degrades to the store.
public final class CachedVConStore: VConStore, VConStoreReporting {
    public let store: any VConStore
    public let cache: (any VConCache)?
    let logger: Logger
    let disabledStats: CacheStats
    /// Fills run after the response (DESIGN.md §4: "return it, and fill"), at most this many at once;
    /// 0 means the request waits for its fill (deterministic, for tests).
    let backgroundFillLimit: Int
    let fillsInFlight = Mutex(0)

    public init(store: any VConStore, cache: (any VConCache)?, ttlSeconds: Int = 3600, prefix: String = "vcon-mcp:",
                backgroundFillLimit: Int = 64, logger: Logger) {
        self.store = store
        self.cache = cache
        self.logger = logger
        self.backgroundFillLimit = backgroundFillLimit
        disabledStats = CacheStats(enabled: false, connected: false, ttlSeconds: ttlSeconds, prefix: prefix)
    }

    // MARK: Reads

    public func get(_ uuid: VConID) async throws -> StoredVCon? {
        guard let cache else { return try await store.get(uuid) }
        switch await cache.lookup(uuid) {
        case let .hit(stored):
            return stored
        case let .miss(token):
            let stored = try await store.get(uuid)
            if let stored, let token { await fill(stored, token: token, into: cache) }
            return stored
        }
    }

    public func search(_ query: VConSearchQuery) async throws -> VConSearchPage {
        guard let cache else { return try await store.search(query) }
        let key = SearchCacheCodec.key(query)
        let lookup = await cache.lookupSearch(key)
        if case let .hit(bytes) = lookup, let page = SearchCacheCodec.decodeSearchPage(bytes) { return page }
        let page = try await store.search(query)
        if case let .miss(token?) = lookup { await cache.fillSearch(SearchCacheCodec.encode(page), token: token) }
        return page
    }

    public func searchContent(_ query: ContentSearchQuery) async throws -> ContentSearchPage {
        guard let cache else { return try await store.searchContent(query) }
        let key = SearchCacheCodec.key(query)
        let lookup = await cache.lookupSearch(key)
        if case let .hit(bytes) = lookup, let page = SearchCacheCodec.decodeContentPage(bytes) { return page }
        let page = try await store.searchContent(query)
        if case let .miss(token?) = lookup { await cache.fillSearch(SearchCacheCodec.encode(page), token: token) }
        return page
    }

    public func tags(of uuid: VConID) async throws -> [VConTag]? { try await store.tags(of: uuid) }
    public func uniqueTags(keyPrefix: String?) async throws -> [TagCount] { try await store.uniqueTags(keyPrefix: keyPrefix) }
    public func uuids(withPrefix prefix: String, limit: Int) async throws -> [VConID] {
        try await store.uuids(withPrefix: prefix, limit: limit)
    }
    public func status() async -> ServiceStatus { await store.status() }

    /// The fill is safe whenever it lands (its token predates the Postgres read), so it need not delay
    /// the response. Beyond the limit of fills in flight (a slow Redis), fills are skipped, not queued.
    private func fill(_ stored: StoredVCon, token: CacheFillToken, into cache: any VConCache) async {
        guard backgroundFillLimit > 0 else {
            if !Task.isCancelled { await cache.fill(stored, token: token) }
            return
        }
        let admitted = fillsInFlight.withLock { n in
            guard n < backgroundFillLimit else { return false }
            n += 1
            return true
        }
        guard admitted else { return }
        Task {
            await cache.fill(stored, token: token)
            fillsInFlight.withLock { $0 -= 1 }
        }
    }

    // MARK: Writes: commit, then invalidate

    public func create(_ vcon: IngestResult, replace: Bool) async throws -> WriteResult {
        let result = try await writing { try await store.create(vcon, replace: replace) }
        await cache?.invalidate(result.uuid, version: result.version)
        return result
    }

    public func update(_ uuid: VConID, mergePatch: JSON) async throws -> WriteResult {
        let result = try await writing { try await store.update(uuid, mergePatch: mergePatch) }
        await cache?.invalidate(uuid, version: result.version)
        return result
    }

    public func delete(_ uuid: VConID) async throws -> Bool {
        if let versioned = store as? any VersionedDeleting {
            let version = try await writing { try await versioned.deleteReturningVersion(uuid) }
            if let version { await cache?.invalidate(uuid, version: version) }
            return version != nil
        }
        let deleted = try await writing { try await store.delete(uuid) }
        // No version reported: a tombstone of unknown version refuses every fill of this uuid for
        // the tombstone lifetime.
        if deleted { await cache?.invalidate(uuid, version: nil) }
        return deleted
    }

    public func append(_ uuid: VConID, to section: VConSection, element: JSON) async throws -> AppendResult {
        let result = try await writing { try await store.append(uuid, to: section, element: element) }
        await cache?.invalidate(uuid, version: result.version)
        return result
    }

    public func setTag(_ uuid: VConID, key: String, value: String) async throws -> WriteResult {
        let result = try await writing { try await store.setTag(uuid, key: key, value: value) }
        await cache?.invalidate(uuid, version: result.version)
        return result
    }

    public func removeTag(_ uuid: VConID, key: String) async throws -> WriteResult {
        let result = try await writing { try await store.removeTag(uuid, key: key) }
        await cache?.invalidate(uuid, version: result.version)
        return result
    }

    public func removeAllTags(_ uuid: VConID) async throws -> WriteResult {
        let result = try await writing { try await store.removeAllTags(uuid) }
        await cache?.invalidate(uuid, version: result.version)
        return result
    }

    /// Runs a store write; when it fails in a way that may still have committed (a lost connection,
    /// a timeout, a cancellation mid-commit), every cache entry is dropped before the error returns.
    private func writing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            switch error.code {
            case .notFound, .conflict, .invalid, .badCursor, .configuration: break
            case .unavailable, .timeout, .cancelled, .internal:
                logger.debug("write outcome unknown; starting a new cache epoch", metadata: ["error": "\(error.code.rawValue)"])
                await cache?.invalidateAll()
            }
            throw error
        } catch {
            logger.debug("write outcome unknown; starting a new cache epoch")
            await cache?.invalidateAll()
            throw error
        }
    }

    // MARK: VConStoreReporting

    public func cacheStats() async -> CacheStats { cache?.stats() ?? disabledStats }
    public func postgresStatus() async -> ServiceStatus { await store.status() }
    public func redisStatus() async -> ServiceStatus {
        cache?.status() ?? ServiceStatus(state: .disabled, detail: "REDIS_URL not set")
    }

    /// Stops the cache's background work.
    public func close() async { await cache?.close() }
}
