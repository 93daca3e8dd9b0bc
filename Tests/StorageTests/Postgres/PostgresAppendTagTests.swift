import JSONCore
import Testing
import VConModel
@testable import Storage

@Suite("Postgres store: appends and tags", .enabled(if: PGTestEnvironment.enabled))
struct PostgresAppendTagTests {
    @Test func appendReturnsIndexesPerSection() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            let created = try await store.create(vcon, replace: false)
            let d0 = try await store.append(uuid, to: .dialog, element: TestVCons.textDialog("hello", start: "2025-01-01T10:00:00Z"))
            let d1 = try await store.append(uuid, to: .dialog, element: TestVCons.textDialog("again", start: "2025-01-01T10:01:00Z"))
            let p2 = try await store.append(uuid, to: .parties, element: TestVCons.party(name: "Carol"))
            #expect(d0.index == 0)
            #expect(d1.index == 1)
            #expect(p2.index == 2)
            #expect(created.version < d0.version && d0.version < d1.version && d1.version < p2.version)
            let document = try #require(try await store.get(uuid)).document.parsed()
            #expect(document["dialog"]?.arrayValue?.count == 2)
            #expect(document["parties"]?[2]?["name"] == "Carol")
            let page = try await store.search(VConSearchQuery(filter: VConFilter(partyName: "carol")))
            #expect(page.items.first?.dialogCount == 2)
            #expect(page.items.first?.partyCount == 3)
        }
    }

    @Test func appendOfAnInvalidElementOrToAMissingVConFails() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            let created = try await store.create(vcon, replace: false)
            let invalid = await #expect(throws: StorageError.self) {
                try await store.append(uuid, to: .dialog, element: TestVCons.textDialog("x", start: "2025-01-01T10:00:00Z", parties: [7]))
            }
            #expect(invalid?.code == .invalid)
            #expect(try await store.get(uuid)?.version == created.version)
            let missing = await #expect(throws: StorageError.self) {
                try await store.append(VConBuilder.newID(), to: .analysis, element: TestVCons.summary("x"))
            }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func fiftyConcurrentAppendsGetDistinctGapFreeIndexes() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            _ = try await store.create(vcon, replace: false)
            let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        try await store.append(uuid, to: .dialog,
                                               element: TestVCons.textDialog("message \(i)", start: "2025-01-01T10:00:00Z"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.map(\.index).sorted() == Array(0..<50))
            #expect(Set(results.map(\.version)).count == 50)
            let document = try #require(try await store.get(uuid)).document.parsed()
            let bodies = Set((document["dialog"]?.arrayValue ?? []).compactMap { $0["body"]?.stringValue })
            #expect(bodies == Set((0..<50).map { "message \($0)" }))
        }
    }

    @Test func tagsSetReplaceRemoveAndList() async throws {
        try await withTestStore { store in
            let a = try TestVCons.ingest(TestVCons.document())
            let b = try TestVCons.ingest(TestVCons.document())
            let ua = try #require(a.uuid), ub = try #require(b.uuid)
            _ = try await store.create(a, replace: false)
            _ = try await store.create(b, replace: false)
            #expect(try await store.tags(of: ua) == [])
            let v1 = try await store.setTag(ua, key: "priority", value: "high")
            _ = try await store.setTag(ua, key: "team", value: "billing")
            _ = try await store.setTag(ub, key: "priority", value: "high")
            #expect(try await store.tags(of: ua) == [VConTag(key: "priority", value: "high"), VConTag(key: "team", value: "billing")])
            // Same value again: nothing to write, same version.
            let same = try await store.setTag(ub, key: "priority", value: "high")
            #expect(same.version == (try await store.get(ub))?.version)
            // Replacing keeps the position.
            let v2 = try await store.setTag(ua, key: "priority", value: "low")
            #expect(v2.version > v1.version)
            #expect(try await store.tags(of: ua) == [VConTag(key: "priority", value: "low"), VConTag(key: "team", value: "billing")])
            let stored = try #require(try await store.get(ua)).document.parsed()
            #expect(VConTags.read(stored) == [VConTag(key: "priority", value: "low"), VConTag(key: "team", value: "billing")])

            #expect(try await store.uniqueTags(keyPrefix: nil) == [
                TagCount(key: "priority", value: "high", count: 1), TagCount(key: "priority", value: "low", count: 1),
                TagCount(key: "team", value: "billing", count: 1)])
            #expect(try await store.uniqueTags(keyPrefix: "pri").map(\.key) == ["priority", "priority"])
            #expect(try await store.uniqueTags(keyPrefix: "zzz") == [])

            _ = try await store.removeTag(ua, key: "priority")
            _ = try await store.removeTag(ua, key: "not-there")
            #expect(try await store.tags(of: ua) == [VConTag(key: "team", value: "billing")])
            _ = try await store.removeAllTags(ua)
            #expect(try await store.tags(of: ua) == [])
            #expect(try await store.tags(of: VConBuilder.newID()) == nil)
            let missing = await #expect(throws: StorageError.self) { try await store.setTag(VConBuilder.newID(), key: "k", value: "v") }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func uuidPrefixCompletion() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            _ = try await store.create(vcon, replace: false)
            for length in [1, 8, 9, 14, 36] {
                let prefix = String(uuid.string.prefix(length))
                #expect(try await store.uuids(withPrefix: prefix.uppercased(), limit: 10).contains(uuid))
            }
            #expect(try await store.uuids(withPrefix: "", limit: 10) == [uuid])
            #expect(try await store.uuids(withPrefix: "zz", limit: 10) == [])
            #expect(try await store.uuids(withPrefix: "'; drop", limit: 10) == [])
        }
    }
}
