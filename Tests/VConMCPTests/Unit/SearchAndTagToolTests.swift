@testable import VConMCP
import Foundation
import JSONCore
import Storage
import Testing
import VConModel

@Suite struct SearchAndTagToolTests {
    func harness(count: Int) async -> (ToolHarness, [String]) {
        let h = ToolHarness()
        var ids: [String] = []
        for i in 0..<count {
            let uuid = "01890a5d-ac96-8d6e-a9c2-\(String(format: "%012d", i))"
            await h.store.put(ToolHarness.sample(uuid, subject: i % 2 == 0 ? "Billing call \(i)" : "Support chat \(i)"))
            ids.append(uuid)
        }
        return (h, ids)
    }

    @Test func searchPaginatesWithCursors() async throws {
        let (h, _) = await harness(count: 5)
        let first = try await h.success("search_vcons", ["limit": 2, "include_count": true])
        #expect(first["results"]?.arrayValue?.count == 2)
        #expect(first["total_count"] == 5)
        let cursor = try #require(first["next_cursor"]?.stringValue)
        let second = try await h.success("search_vcons", ["limit": 2, "cursor": .string(cursor), "response_format": "ids_only"])
        #expect(second["results"]?[0]?.objectValue?.keys == ["uuid"])
        let last = try await h.success("search_vcons", ["limit": 10, "subject": "billing"])
        #expect(last["results"]?.arrayValue?.count == 3)
        #expect(last["next_cursor"] == .null)
    }

    @Test func searchFullSplicesDocuments() async throws {
        let (h, ids) = await harness(count: 2)
        let out = try await h.success("search_vcons", ["response_format": "full"])
        let results = try #require(out["results"]?.arrayValue)
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0["vcon"]?.rawValue != nil })
        #expect(Set(results.compactMap { $0["uuid"]?.stringValue }) == Set(ids))
    }

    @Test func searchFailures() async throws {
        let (h, _) = await harness(count: 1)
        #expect(try await h.failure("search_vcons", ["cursor": "garbage"]).contains("cursor is not valid"))
        #expect(try await h.failure("search_vcons", ["limit": 0]).contains("from 1 to 1000"))
        #expect(try await h.failure("search_vcons", ["start_date": "yesterday"]).contains("2026-01-31"))
        #expect(try await h.failure("search_vcons", ["tags": ["k": 1]]).contains("string values"))
        #expect(try await h.failure("search_vcons_content", [:]).contains("'query' is required"))
    }

    @Test func dateFiltersAcceptDaysAndTimestamps() throws {
        #expect(DateArgument.bound("2026-01-31", upper: false) == "2026-01-31T00:00:00Z")
        #expect(DateArgument.bound("2026-01-31", upper: true) == "2026-02-01T00:00:00Z")
        #expect(DateArgument.bound("2026-01-31T09:30:00+02:00", upper: false) == "2026-01-31T09:30:00+02:00")
        #expect(DateArgument.bound("2026-02-30", upper: false) == nil)
        #expect(DateArgument.bound("31/01/2026", upper: false) == nil)
    }

    @Test func contentSearchReturnsRankedSnippets() async throws {
        let (h, _) = await harness(count: 3)
        let out = try await h.success("search_vcons_content", ["query": "refund", "limit": 2])
        #expect(out["results"]?.arrayValue?.count == 2)
        #expect(out["results"]?[0]?["snippets"] == ["«refund»"])
        #expect(out["next_cursor"]?.stringValue != nil)
    }

    @Test func tagLifecycle() async throws {
        let (h, ids) = await harness(count: 2)
        let id = JSON.string(ids[0])
        let set = try await h.success("manage_tag", ["vcon_uuid": id, "action": "set", "key": "department", "value": "sales"])
        #expect(set["value"] == "sales")
        _ = try await h.success("manage_tag", ["vcon_uuid": id, "action": "set", "key": "priority", "value": "high"])
        #expect(try await h.success("get_tags", ["vcon_uuid": id])["tags"] == ["department": "sales", "priority": "high"])
        let one = try await h.success("get_tags", ["vcon_uuid": id, "key": "priority"])
        #expect(one["value"] == "high" && one["tags"] == ["priority": "high"])
        #expect(try await h.success("get_tags", ["vcon_uuid": id, "key": "absent"])["value"] == .null)

        let found = try await h.success("search_by_tags", ["tags": ["department": "sales"]])
        #expect(found["results"]?.arrayValue?.compactMap { $0["uuid"] } == [id])
        let unique = try await h.success("get_unique_tags", ["include_counts": true])
        #expect(unique["keys"] == ["department", "priority"])
        #expect(unique["tags"]?[0]?["count"] == 1)
        #expect(try await h.success("get_unique_tags", ["key_filter": "dep"])["tags"] == [["key": "department", "value": "sales"]])

        let removed = try await h.success("manage_tag", ["vcon_uuid": id, "action": "remove", "key": "priority"])
        #expect(removed["value"] == .null)
        _ = try await h.success("remove_all_tags", ["vcon_uuid": id])
        #expect(try await h.success("get_tags", ["vcon_uuid": id])["tags"] == [:])
    }

    @Test func tagFailures() async throws {
        let (h, ids) = await harness(count: 1)
        let id = JSON.string(ids[0])
        #expect(try await h.failure("manage_tag", ["vcon_uuid": id, "action": "set", "key": "k"]).contains("'value' is required"))
        #expect(try await h.failure("manage_tag", ["vcon_uuid": id, "action": "toggle", "key": "k"]).contains("set, remove"))
        #expect(try await h.failure("manage_tag", ["vcon_uuid": id, "action": "set", "key": "a:b", "value": "v"]).contains("':'"))
        #expect(try await h.failure("search_by_tags", ["tags": [:]]).contains("at least one"))
        let missing = JSON.string("01890a5d-ac96-8d6e-a9c2-999999999999")
        #expect(try await h.failure("get_tags", ["vcon_uuid": missing]).contains("No vCon"))
        #expect(try await h.failure("remove_all_tags", ["vcon_uuid": missing]).contains("No vCon"))
    }
}
