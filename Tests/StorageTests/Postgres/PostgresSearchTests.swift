import JSONCore
import Testing
import VConModel
@testable import Storage

/// A small fixed data set: three distinct conversations, three sharing one created_at (uuid breaks
/// the tie), one without subject.
struct SearchFixture {
    var billing: VConID!, router: VConID!, refund: VConID!, ties: [VConID] = [], old: VConID!

    /// Every uuid in the search order (created_at DESC, uuid ASC).
    var expectedOrder: [VConID] { [billing, router, refund] + ties.sorted() + [old] }

    static func seed(_ store: PostgresVConStore) async throws -> SearchFixture {
        var f = SearchFixture()
        func put(_ document: JSON, tags: [(String, String)] = []) async throws -> VConID {
            let vcon = try TestVCons.ingest(document)
            let uuid = try #require(vcon.uuid)
            _ = try await store.create(vcon, replace: false)
            for (k, v) in tags { _ = try await store.setTag(uuid, key: k, value: v) }
            return uuid
        }
        f.billing = try await put(TestVCons.document(
            subject: "Billing dispute about an invoice", createdAt: "2025-01-05T10:00:00Z",
            parties: [TestVCons.party(name: "Alice Smith", tel: "tel:+1-555-0100"),
                      TestVCons.party(name: "Bob", mailto: "mailto:Bob@Example.com")],
            dialog: [TestVCons.textDialog("I was charged twice for the same thing", start: "2025-01-05T09:00:00Z")]),
            tags: [("team", "billing"), ("priority", "high")])
        f.router = try await put(TestVCons.document(
            subject: "Router outage", createdAt: "2025-01-04T10:00:00Z",
            parties: [TestVCons.party(name: "Carol", tel: "tel:+44 20 7946 0958"), TestVCons.party(name: "Dave")],
            dialog: [TestVCons.textDialog("the internet router keeps restarting every hour", start: "2025-01-03T12:00:00Z")],
            analysis: [TestVCons.summary("customer reports a router outage; the invoice was mentioned once")]),
            tags: [("team", "support")])
        f.refund = try await put(TestVCons.document(
            subject: "Refund request", createdAt: "2025-01-03T10:00:00Z",
            parties: [TestVCons.party(name: "alice jones"), TestVCons.party(name: "Erin")],
            dialog: [TestVCons.textDialog("please refund the invoice from last month", start: "2025-01-10T08:00:00Z")]),
            tags: [("team", "billing"), ("priority", "low")])
        for i in 0..<3 {
            f.ties.append(try await put(TestVCons.document(subject: "Tie \(i)", createdAt: "2025-01-02T00:00:00Z",
                                                                         parties: [TestVCons.party(name: "Zed")])))
        }
        f.old = try await put(TestVCons.document(subject: nil, createdAt: "2024-12-31T23:59:59Z", parties: []))
        return f
    }
}

@Suite("Postgres store: search", .enabled(if: PGTestEnvironment.enabled))
struct PostgresSearchTests {
    func uuids(_ store: PostgresVConStore, _ filter: VConFilter) async throws -> [VConID] {
        try await store.search(VConSearchQuery(filter: filter, limit: 100)).items.map(\.uuid)
    }

    @Test func everyFilter() async throws {
        try await withTestStore { store in
            let f = try await SearchFixture.seed(store)
            #expect(try await uuids(store, VConFilter()) == f.expectedOrder)
            #expect(try await uuids(store, VConFilter(subject: "INVOICE")) == [f.billing])
            #expect(try await uuids(store, VConFilter(partyName: "ALICE")) == [f.billing, f.refund])
            #expect(try await uuids(store, VConFilter(partyTel: "+1 (555) 0100")) == [f.billing])
            #expect(try await uuids(store, VConFilter(partyTel: "442079460958")) == [f.router])
            #expect(try await uuids(store, VConFilter(partyEmail: "MAILTO:bob@example.COM")) == [f.billing])
            #expect(try await uuids(store, VConFilter(partyEmail: "nobody@example.com")) == [])
            // created_at: after is inclusive, before exclusive.
            #expect(try await uuids(store, VConFilter(createdAfter: "2025-01-04T10:00:00Z")) == [f.billing, f.router])
            #expect(try await uuids(store, VConFilter(createdBefore: "2025-01-04T10:00:00Z")) == [f.refund] + f.ties.sorted() + [f.old])
            #expect(try await uuids(store, VConFilter(createdAfter: "2025-01-03T00:00:00Z", createdBefore: "2025-01-05T00:00:00Z"))
                    == [f.router, f.refund])
            // Conversation time.
            #expect(try await uuids(store, VConFilter(startAfter: "2025-01-05T00:00:00Z")) == [f.billing, f.refund])
            #expect(try await uuids(store, VConFilter(startBefore: "2025-01-04T00:00:00Z")) == [f.router])
            #expect(try await uuids(store, VConFilter(startAfter: "2025-01-11T00:00:00Z")) == [])
            // Tags: AND of key:value.
            #expect(try await uuids(store, VConFilter(tags: [VConTag(key: "team", value: "billing")])) == [f.billing, f.refund])
            #expect(try await uuids(store, VConFilter(tags: [VConTag(key: "team", value: "billing"), VConTag(key: "priority", value: "high")]))
                    == [f.billing])
            #expect(try await uuids(store, VConFilter(tags: [VConTag(key: "team", value: "nope")])) == [])
            // Combined.
            #expect(try await uuids(store, VConFilter(subject: "re", partyName: "alice", tags: [VConTag(key: "priority", value: "low")]))
                    == [f.refund])
        }
    }

    @Test func summariesCarryMetadata() async throws {
        try await withTestStore { store in
            let f = try await SearchFixture.seed(store)
            let item = try #require(try await store.search(VConSearchQuery(filter: VConFilter(subject: "router"))).items.first)
            #expect(item.uuid == f.router)
            #expect(item.subject == "Router outage")
            #expect(item.createdAt == "2025-01-04T10:00:00.000Z")
            #expect(item.firstDialogStart == "2025-01-03T12:00:00.000Z")
            #expect(item.partyCount == 2 && item.dialogCount == 1 && item.analysisCount == 1 && item.attachmentCount == 1)
            #expect(item.form == .unsigned)
            #expect(item.version == (try await store.get(f.router))?.version)
        }
    }

    @Test func cursorsWalkEveryPageOnceInOrder() async throws {
        try await withTestStore { store in
            let f = try await SearchFixture.seed(store)
            for limit in [1, 2, 3, 7] {
                var seen: [VConID] = []
                var cursor: String?
                var pages = 0
                repeat {
                    let page = try await store.search(VConSearchQuery(limit: limit, cursor: cursor, includeCount: true))
                    #expect(page.totalCount == 7)
                    #expect(page.items.count <= limit)
                    seen += page.items.map(\.uuid)
                    cursor = page.nextCursor
                    pages += 1
                } while cursor != nil && pages < 20
                #expect(seen == f.expectedOrder, "limit \(limit)")
                #expect(pages == (7 + limit - 1) / limit, "no empty trailing page at limit \(limit)")
            }
        }
    }

    @Test func emptyResultsAndCounts() async throws {
        try await withTestStore { store in
            let empty = try await store.search(VConSearchQuery(includeCount: true))
            #expect(empty.items.isEmpty && empty.nextCursor == nil && empty.totalCount == 0)
            _ = try await SearchFixture.seed(store)
            let none = try await store.search(VConSearchQuery(filter: VConFilter(subject: "no such subject"), includeCount: true))
            #expect(none.items.isEmpty && none.nextCursor == nil && none.totalCount == 0)
            let uncounted = try await store.search(VConSearchQuery(filter: VConFilter(partyName: "alice")))
            #expect(uncounted.totalCount == nil)
            let counted = try await store.search(VConSearchQuery(filter: VConFilter(partyName: "alice"), limit: 1, includeCount: true))
            #expect(counted.totalCount == 2 && counted.items.count == 1 && counted.nextCursor != nil)
        }
    }

    @Test func badCursorsAreRejected() async throws {
        try await withTestStore { store in
            _ = try await SearchFixture.seed(store)
            for cursor in ["garbage", "", "%%%", String(repeating: "A", count: 2000)] {
                let error = await #expect(throws: StorageError.self) { try await store.search(VConSearchQuery(cursor: cursor)) }
                #expect(error?.code == .badCursor)
            }
            let page = try await store.search(VConSearchQuery(limit: 1))
            let cursor = try #require(page.nextCursor)
            // Bound to its query: another filter or the other search refuses it.
            let otherFilter = await #expect(throws: StorageError.self) {
                try await store.search(VConSearchQuery(filter: VConFilter(subject: "x"), cursor: cursor))
            }
            #expect(otherFilter?.code == .badCursor)
            let otherKind = await #expect(throws: StorageError.self) {
                try await store.searchContent(ContentSearchQuery(text: "invoice", cursor: cursor))
            }
            #expect(otherKind?.code == .badCursor)
        }
    }

    @Test func invalidTimestampFilterIsInvalid() async throws {
        try await withTestStore { store in
            let error = await #expect(throws: StorageError.self) {
                try await store.search(VConSearchQuery(filter: VConFilter(createdAfter: "yesterday-ish")))
            }
            #expect(error?.code == .invalid)
            #expect(error?.description.contains("yesterday") == false)
        }
    }

    @Test func contentSearchRanksByWeightWithSnippets() async throws {
        try await withTestStore { store in
            let f = try await SearchFixture.seed(store)
            let page = try await store.searchContent(ContentSearchQuery(text: "invoice", includeCount: true))
            // A (subject) outranks B (analysis), which outranks C (dialog).
            #expect(page.hits.map(\.summary.uuid) == [f.billing, f.router, f.refund])
            #expect(page.totalCount == 3)
            #expect(zip(page.hits, page.hits.dropFirst()).allSatisfy { $0.rank >= $1.rank })
            for hit in page.hits {
                #expect(!hit.snippets.isEmpty)
                #expect(hit.snippets.allSatisfy { $0.lowercased().contains("«invoice»") }, "\(hit.snippets)")
            }
            let phrase = try await store.searchContent(ContentSearchQuery(text: "\"router outage\""))
            #expect(phrase.hits.map(\.summary.uuid) == [f.router])
            let excluded = try await store.searchContent(ContentSearchQuery(text: "invoice -refund"))
            #expect(excluded.hits.map(\.summary.uuid) == [f.billing, f.router])
            let filtered = try await store.searchContent(ContentSearchQuery(text: "invoice",
                                                                            filter: VConFilter(tags: [VConTag(key: "team", value: "billing")])))
            #expect(filtered.hits.map(\.summary.uuid) == [f.billing, f.refund])
            let none = try await store.searchContent(ContentSearchQuery(text: "zebra", includeCount: true))
            #expect(none.hits.isEmpty && none.nextCursor == nil && none.totalCount == 0)
            let stopWordsOnly = try await store.searchContent(ContentSearchQuery(text: "the"))
            #expect(stopWordsOnly.hits.isEmpty)
        }
    }

    @Test func contentSearchCursorsWalkPages() async throws {
        try await withTestStore { store in
            let f = try await SearchFixture.seed(store)
            var seen: [VConID] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await store.searchContent(ContentSearchQuery(text: "invoice", limit: 1, cursor: cursor))
                seen += page.hits.map(\.summary.uuid)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == [f.billing, f.router, f.refund])
            #expect(pages == 3)
            let first = try await store.searchContent(ContentSearchQuery(text: "invoice", limit: 1))
            let other = await #expect(throws: StorageError.self) {
                try await store.searchContent(ContentSearchQuery(text: "router", limit: 1, cursor: first.nextCursor))
            }
            #expect(other?.code == .badCursor)
        }
    }
}
