import JSONCore
import Storage
import VConModel

/// A store that stands in for the real one until it is open: every `VConStore` call goes to
/// `current()`. Conformers say only how they get the real store, and how they report status.
protocol ForwardingVConStore: ServedVConStore {
    func current() async throws -> any ServedVConStore
}

extension ForwardingVConStore {
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
}
