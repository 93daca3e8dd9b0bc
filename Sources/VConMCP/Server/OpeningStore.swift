import Foundation
import JSONCore
import Logging
import Storage
import Synchronization
import VConModel

/// The store while it opens in the background: the server answers `initialize` (and everything
/// that needs no store) at once instead of after the Postgres and Redis handshakes (~30–80 ms
/// here); a store call made before the store is open waits for it. After that, one lock read.
final class OpeningStore: ServedVConStore {
    private let opening: Task<any ServedVConStore, Never>
    private let opened = Mutex<(any ServedVConStore)?>(nil)

    init(_ open: @escaping @Sendable () async -> any ServedVConStore) {
        opening = Task { await open() }
    }

    /// The real store (waits for the opening on the first calls only).
    func current() async -> any ServedVConStore {
        if let store = opened.withLock({ $0 }) { return store }
        let store = await opening.value
        opened.withLock { $0 = store }
        return store
    }

    func create(_ vcon: IngestResult, replace: Bool) async throws -> WriteResult { try await current().create(vcon, replace: replace) }
    func get(_ uuid: VConID) async throws -> StoredVCon? { try await current().get(uuid) }
    func update(_ uuid: VConID, mergePatch: JSON) async throws -> WriteResult { try await current().update(uuid, mergePatch: mergePatch) }
    func delete(_ uuid: VConID) async throws -> Bool { try await current().delete(uuid) }
    func append(_ uuid: VConID, to section: VConSection, element: JSON) async throws -> AppendResult {
        try await current().append(uuid, to: section, element: element)
    }
    func setTag(_ uuid: VConID, key: String, value: String) async throws -> WriteResult { try await current().setTag(uuid, key: key, value: value) }
    func removeTag(_ uuid: VConID, key: String) async throws -> WriteResult { try await current().removeTag(uuid, key: key) }
    func removeAllTags(_ uuid: VConID) async throws -> WriteResult { try await current().removeAllTags(uuid) }
    func tags(of uuid: VConID) async throws -> [VConTag]? { try await current().tags(of: uuid) }
    func uniqueTags(keyPrefix: String?) async throws -> [TagCount] { try await current().uniqueTags(keyPrefix: keyPrefix) }
    func search(_ query: VConSearchQuery) async throws -> VConSearchPage { try await current().search(query) }
    func searchContent(_ query: ContentSearchQuery) async throws -> ContentSearchPage { try await current().searchContent(query) }
    func uuids(withPrefix prefix: String, limit: Int) async throws -> [VConID] { try await current().uuids(withPrefix: prefix, limit: limit) }
    func status() async -> ServiceStatus { await current().status() }
    func cacheStats() async -> CacheStats { await current().cacheStats() }
    func postgresStatus() async -> ServiceStatus { await current().postgresStatus() }
    func redisStatus() async -> ServiceStatus { await current().redisStatus() }
}
