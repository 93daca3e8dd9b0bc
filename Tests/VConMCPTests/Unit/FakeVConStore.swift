@testable import VConMCP
import JSONCore
import Storage
import VConModel

/// An in-memory `ServedVConStore` for tool-layer unit tests only (storage itself is tested against
/// the real servers). Tags live beside the document so these tests don't depend on VConModel's
/// tag helpers; `failing` makes every call throw, to test the outage paths.
actor FakeVConStore: ServedVConStore {
    struct Entry { var document: JSON; var version: Int64; var tags: [VConTag]; var createdOrder: Int }
    private(set) var entries: [VConID: Entry] = [:]
    private var version: Int64 = 0
    private var order = 0
    var failing: StorageError?
    var stats = CacheStats(enabled: true, connected: true, hits: 3, misses: 1, fills: 1, ttlSeconds: 3600, prefix: "test:")

    func setFailing(_ error: StorageError?) { failing = error }

    /// Stores a document directly (tests that must not depend on ingest).
    @discardableResult
    func put(_ document: JSON, tags: [VConTag] = []) -> VConID {
        let id = VConID(document["uuid"]!.stringValue!)!
        version += 1; order += 1
        entries[id] = Entry(document: document, version: version, tags: tags, createdOrder: order)
        return id
    }

    private func check() throws {
        if let failing { throw failing }
    }

    private func entry(_ uuid: VConID, _ operation: String) throws -> Entry {
        try check()
        guard let e = entries[uuid] else { throw StorageError(.notFound, operation: operation, message: "no such vCon") }
        return e
    }

    private func bump(_ uuid: VConID, _ change: (inout Entry) -> Void) -> WriteResult {
        version += 1
        change(&entries[uuid]!)
        entries[uuid]!.version = version
        return WriteResult(uuid: uuid, version: version, created: false)
    }

    func create(_ vcon: IngestResult, replace: Bool) async throws -> WriteResult {
        try check()
        guard let uuid = vcon.uuid else { throw StorageError(.invalid, operation: "vcon.insert", message: "no uuid") }
        if let existing = entries[uuid] {
            if existing.document == vcon.document { return WriteResult(uuid: uuid, version: existing.version, created: false) }
            if !replace { throw StorageError(.conflict, operation: "vcon.insert", message: "different document") }
        }
        let id = put(vcon.document)
        return WriteResult(uuid: id, version: version, created: true)
    }

    func get(_ uuid: VConID) async throws -> StoredVCon? {
        try check()
        guard let e = entries[uuid] else { return nil }
        return StoredVCon(uuid: uuid, version: e.version, document: RawJSON(encoding: e.document))
    }

    func update(_ uuid: VConID, mergePatch: JSON) async throws -> WriteResult {
        _ = try entry(uuid, "vcon.update")
        if case let .string(s)? = mergePatch["subject"], s == "INVALID" {
            throw StorageError(.invalid, operation: "vcon.update", message: "invalid",
                               issues: [.init(path: "subject", code: "bad_subject", message: "subject must not be INVALID")])
        }
        return bump(uuid) { $0.document = $0.document.applyingMergePatch(mergePatch) }
    }

    func delete(_ uuid: VConID) async throws -> Bool {
        try check()
        return entries.removeValue(forKey: uuid) != nil
    }

    func append(_ uuid: VConID, to section: VConSection, element: JSON) async throws -> AppendResult {
        let e = try entry(uuid, "vcon.append")
        var items = e.document[section.rawValue]?.arrayValue ?? []
        if section == .dialog, let p = element["parties"]?.arrayValue?.first?.intValue, p >= (e.document["parties"]?.arrayValue?.count ?? 0) {
            throw StorageError(.invalid, operation: "vcon.append", message: "invalid",
                               issues: [.init(path: "dialog[\(items.count)].parties[0]", code: "index_out_of_range", message: "no party \(p)")])
        }
        items.append(element)
        let w = bump(uuid) { entry in
            guard case var .object(o) = entry.document else { return }
            o[section.rawValue] = .array(items)
            entry.document = .object(o)
        }
        return AppendResult(uuid: uuid, version: w.version, index: items.count - 1)
    }

    func setTag(_ uuid: VConID, key: String, value: String) async throws -> WriteResult {
        _ = try entry(uuid, "tag.set")
        return bump(uuid) { e in
            e.tags.removeAll { $0.key == key }
            e.tags.append(VConTag(key: key, value: value))
        }
    }

    func removeTag(_ uuid: VConID, key: String) async throws -> WriteResult {
        _ = try entry(uuid, "tag.remove")
        return bump(uuid) { $0.tags.removeAll { $0.key == key } }
    }

    func removeAllTags(_ uuid: VConID) async throws -> WriteResult {
        _ = try entry(uuid, "tag.remove_all")
        return bump(uuid) { $0.tags = [] }
    }

    func tags(of uuid: VConID) async throws -> [VConTag]? {
        try check()
        return entries[uuid]?.tags
    }

    func uniqueTags(keyPrefix: String?) async throws -> [TagCount] {
        try check()
        var counts: [VConTag: Int] = [:]
        for e in entries.values { for t in e.tags where keyPrefix.map(t.key.hasPrefix) ?? true { counts[t, default: 0] += 1 } }
        return counts.map { TagCount(key: $0.key.key, value: $0.key.value, count: $0.value) }.sorted { ($0.key, $0.value) < ($1.key, $1.value) }
    }

    private func matching(_ filter: VConFilter) -> [(VConID, Entry)] {
        entries.filter { _, e in
            if let s = filter.subject, !(e.document["subject"]?.stringValue?.lowercased().contains(s.lowercased()) ?? false) { return false }
            return filter.tags.allSatisfy(e.tags.contains)
        }.sorted { $0.value.createdOrder > $1.value.createdOrder }.map { ($0.key, $0.value) }
    }

    private func summary(_ id: VConID, _ e: Entry) -> VConSummary {
        VConSummary(uuid: id, version: e.version, subject: e.document["subject"]?.stringValue,
                    createdAt: e.document["created_at"]?.stringValue, updatedAt: e.document["updated_at"]?.stringValue,
                    firstDialogStart: nil, partyCount: e.document["parties"]?.arrayValue?.count ?? 0,
                    dialogCount: e.document["dialog"]?.arrayValue?.count ?? 0, analysisCount: 0, attachmentCount: 0, form: .unsigned)
    }

    private func offset(_ cursor: String?) throws -> Int {
        guard let cursor else { return 0 }
        guard cursor.hasPrefix("o:"), let n = Int(cursor.dropFirst(2)) else {
            throw StorageError(.badCursor, operation: "vcon.search", message: "bad cursor")
        }
        return n
    }

    func search(_ query: VConSearchQuery) async throws -> VConSearchPage {
        try check()
        let all = matching(query.filter), start = try offset(query.cursor)
        let slice = all.dropFirst(start).prefix(query.limit)
        let next = start + slice.count < all.count ? "o:\(start + slice.count)" : nil
        return VConSearchPage(items: slice.map { summary($0.0, $0.1) }, nextCursor: next, totalCount: query.includeCount ? all.count : nil)
    }

    func searchContent(_ query: ContentSearchQuery) async throws -> ContentSearchPage {
        try check()
        let all = matching(query.filter).filter { _, e in e.document.encodedString().lowercased().contains(query.text.lowercased()) }
        let start = try offset(query.cursor)
        let slice = all.dropFirst(start).prefix(query.limit)
        return ContentSearchPage(hits: slice.map { ContentHit(summary: summary($0.0, $0.1), rank: 0.5, snippets: ["«\(query.text)»"]) },
                                 nextCursor: start + slice.count < all.count ? "o:\(start + slice.count)" : nil,
                                 totalCount: query.includeCount ? all.count : nil)
    }

    func uuids(withPrefix prefix: String, limit: Int) async throws -> [VConID] {
        try check()
        return Array(entries.keys.filter { $0.string.hasPrefix(prefix) }.sorted().prefix(limit))
    }

    func status() async -> ServiceStatus { ServiceStatus(state: failing == nil ? .up : .down, detail: "fake") }
    func cacheStats() async -> CacheStats { stats }
    func postgresStatus() async -> ServiceStatus { await status() }
    func redisStatus() async -> ServiceStatus { ServiceStatus(state: .up, detail: "fake redis") }
}
