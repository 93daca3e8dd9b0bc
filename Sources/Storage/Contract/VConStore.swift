import JSONCore
import VConModel

// CONTRACT: the surface the tool layer builds on. Storage implements it twice: `PostgresVConStore`
// (the source of truth) and `CachedVConStore` (Postgres + optional Redis). Every method may throw
// `StorageError`.

/// A stored document exactly as stored, with the global version of its last write.
public struct StoredVCon: Sendable, Equatable {
    public let uuid: VConID
    public let version: Int64
    public let document: RawJSON
    public init(uuid: VConID, version: Int64, document: RawJSON) { self.uuid = uuid; self.version = version; self.document = document }
}

public struct WriteResult: Sendable, Equatable {
    public let uuid: VConID
    public let version: Int64
    /// For create: false when the same document was already stored (idempotent create).
    public let created: Bool
    public init(uuid: VConID, version: Int64, created: Bool) { self.uuid = uuid; self.version = version; self.created = created }
}

public struct AppendResult: Sendable, Equatable {
    public let uuid: VConID
    public let version: Int64
    public let index: Int
    public init(uuid: VConID, version: Int64, index: Int) { self.uuid = uuid; self.version = version; self.index = index }
}

public enum VConSection: String, Sendable, CaseIterable {
    case parties, dialog, analysis, attachments
}

/// Filters shared by both searches. All given filters must match (AND).
public struct VConFilter: Sendable, Equatable {
    public var subject: String?          // case-insensitive substring
    public var partyName: String?        // case-insensitive substring
    public var partyTel: String?         // normalised to digits, exact match
    public var partyEmail: String?       // normalised, exact match
    public var createdAfter: String?     // RFC 3339, inclusive (ingest time, created_at)
    public var createdBefore: String?    // exclusive
    public var startAfter: String?       // conversation time: a dialog starts at or after
    public var startBefore: String?      // a dialog starts before
    public var tags: [VConTag]           // AND of key:value
    public init(subject: String? = nil, partyName: String? = nil, partyTel: String? = nil, partyEmail: String? = nil,
                createdAfter: String? = nil, createdBefore: String? = nil, startAfter: String? = nil,
                startBefore: String? = nil, tags: [VConTag] = []) {
        self.subject = subject; self.partyName = partyName; self.partyTel = partyTel; self.partyEmail = partyEmail
        self.createdAfter = createdAfter; self.createdBefore = createdBefore
        self.startAfter = startAfter; self.startBefore = startBefore; self.tags = tags
    }
}

public struct VConSearchQuery: Sendable, Equatable {
    public var filter: VConFilter
    public var limit: Int                // 1...1000
    public var cursor: String?           // opaque, from a previous page
    public var includeCount: Bool
    public init(filter: VConFilter = VConFilter(), limit: Int = 50, cursor: String? = nil, includeCount: Bool = false) {
        self.filter = filter; self.limit = limit; self.cursor = cursor; self.includeCount = includeCount
    }
}

/// One search hit's metadata (order: created_at descending, then uuid).
public struct VConSummary: Sendable, Equatable {
    public let uuid: VConID
    public let version: Int64
    public let subject: String?
    public let createdAt: String?        // RFC 3339
    public let updatedAt: String?
    public let firstDialogStart: String?
    public let partyCount: Int
    public let dialogCount: Int
    public let analysisCount: Int
    public let attachmentCount: Int
    public let form: VConForm
    public init(uuid: VConID, version: Int64, subject: String?, createdAt: String?, updatedAt: String?, firstDialogStart: String?,
                partyCount: Int, dialogCount: Int, analysisCount: Int, attachmentCount: Int, form: VConForm) {
        self.uuid = uuid; self.version = version; self.subject = subject; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.firstDialogStart = firstDialogStart; self.partyCount = partyCount; self.dialogCount = dialogCount
        self.analysisCount = analysisCount; self.attachmentCount = attachmentCount; self.form = form
    }
}

public struct VConSearchPage: Sendable, Equatable {
    public let items: [VConSummary]
    public let nextCursor: String?
    public let totalCount: Int?          // only when asked for
    public init(items: [VConSummary], nextCursor: String?, totalCount: Int?) {
        self.items = items; self.nextCursor = nextCursor; self.totalCount = totalCount
    }
}

public struct ContentSearchQuery: Sendable, Equatable {
    public var text: String              // websearch_to_tsquery syntax
    public var filter: VConFilter
    public var limit: Int
    public var cursor: String?
    public var includeCount: Bool
    public init(text: String, filter: VConFilter = VConFilter(), limit: Int = 20, cursor: String? = nil, includeCount: Bool = false) {
        self.text = text; self.filter = filter; self.limit = limit; self.cursor = cursor; self.includeCount = includeCount
    }
}

public struct ContentHit: Sendable, Equatable {
    public let summary: VConSummary
    public let rank: Double
    public let snippets: [String]        // highlighted fragments, matches in «…»
    public init(summary: VConSummary, rank: Double, snippets: [String]) { self.summary = summary; self.rank = rank; self.snippets = snippets }
}

public struct ContentSearchPage: Sendable, Equatable {
    public let hits: [ContentHit]        // rank descending, then uuid
    public let nextCursor: String?
    public let totalCount: Int?
    public init(hits: [ContentHit], nextCursor: String?, totalCount: Int?) { self.hits = hits; self.nextCursor = nextCursor; self.totalCount = totalCount }
}

public struct TagCount: Sendable, Equatable {
    public let key: String
    public let value: String
    public let count: Int
    public init(key: String, value: String, count: Int) { self.key = key; self.value = value; self.count = count }
}

/// Health of a backing service, for `server_status`.
public struct ServiceStatus: Sendable, Equatable {
    public enum State: String, Sendable { case up, down, disabled }
    public let state: State
    public let detail: String            // version or last error; never a secret
    public init(state: State, detail: String) { self.state = state; self.detail = detail }
}

public protocol VConStore: Sendable {
    /// Stores an ingested (valid) vCon. Same uuid and same bytes: idempotent (`created == false`).
    /// Different document under an existing uuid: `.conflict` unless `replace`.
    func create(_ vcon: IngestResult, replace: Bool) async throws -> WriteResult
    func get(_ uuid: VConID) async throws -> StoredVCon?
    /// JSON merge patch over top-level fields; `uuid` and `created_at` are immutable; sets `updated_at`.
    /// The result is validated before commit (`.invalid` with issues).
    func update(_ uuid: VConID, mergePatch: JSON) async throws -> WriteResult
    /// True when a vCon was deleted.
    func delete(_ uuid: VConID) async throws -> Bool
    /// Appends to a section under a row lock; returns the new element's index.
    func append(_ uuid: VConID, to section: VConSection, element: JSON) async throws -> AppendResult
    func setTag(_ uuid: VConID, key: String, value: String) async throws -> WriteResult
    /// Removes the tag `key`; a missing tag is not an error.
    func removeTag(_ uuid: VConID, key: String) async throws -> WriteResult
    func removeAllTags(_ uuid: VConID) async throws -> WriteResult
    func tags(of uuid: VConID) async throws -> [VConTag]?
    func uniqueTags(keyPrefix: String?) async throws -> [TagCount]
    func search(_ query: VConSearchQuery) async throws -> VConSearchPage
    func searchContent(_ query: ContentSearchQuery) async throws -> ContentSearchPage
    /// uuids starting with `prefix` (for completion), at most `limit`.
    func uuids(withPrefix prefix: String, limit: Int) async throws -> [VConID]
    func status() async -> ServiceStatus
}
