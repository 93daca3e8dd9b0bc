import Foundation
import JSONCore
import Testing

/// Every tool called once or more through the binary, each expected to succeed. Used with a live
/// cache and with Redis dead: the answers must be the same.
enum ToolSuite {
    static func sampleVCon(_ uuid: String, subject: String) -> JSON {
        ["uuid": .string(uuid), "vcon": "0.4.0", "created_at": "2026-03-04T09:00:00Z", "subject": .string(subject),
         "parties": [["name": "Alice Example", "tel": "+15550100"], ["name": "Bob Example", "mailto": "bob@example.com"]],
         "dialog": [["type": "text", "start": "2026-03-04T09:00:00Z", "parties": [0, 1], "originator": 0,
                     "mediatype": "text/plain", "body": "Hello, I would like a refund for my order.", "encoding": "none"]]]
    }

    static func runAll(_ c: MCPTestClient) throws {
        let status = try c.ok("server_status")
        #expect(status["postgres"]?["state"] == "up")

        let uuid = UUID().uuidString.lowercased()
        let created = try c.ok("create_vcon", ["vcon": sampleVCon(uuid, subject: "Refund call")])
        #expect(created["uuid"] == .string(uuid) && created["created"] == true)
        let built = try c.ok("create_vcon", ["subject": "Built from fields", "parties": [["name": "Carol", "tel": "+15550199"]]])
        let builtID = try #require(built["uuid"]?.stringValue)

        let full = try c.ok("get_vcon", ["uuid": .string(uuid)])
        #expect(created["normalisations"] == [])
        #expect(full["vcon"] == sampleVCon(uuid, subject: "Refund call"), "stored and served losslessly")
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid), "response_format": "summary"])["summary"]?["party_count"] == 2)
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid), "response_format": "metadata"])["metadata"]?["dialog_count"] == 1)

        _ = try c.ok("update_vcon", ["uuid": .string(uuid), "updates": ["subject": "Refund call (resolved)"]])
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid)])["vcon"]?["subject"] == "Refund call (resolved)")

        #expect(try c.ok("add_party", ["vcon_uuid": .string(uuid), "party": ["name": "Dave Supervisor"]])["index"] == 2)
        #expect(try c.ok("add_dialog", ["vcon_uuid": .string(uuid), "dialog": [
            "type": "text", "start": "2026-03-04T09:05:00Z", "parties": [2, 0], "originator": 2,
            "mediatype": "text/plain", "body": "Your refund is approved.", "encoding": "none"]])["index"] == 1)
        #expect(try c.ok("add_analysis", ["vcon_uuid": .string(uuid), "analysis": [
            "type": "summary", "vendor": "e2e", "dialog": [0, 1], "mediatype": "text/plain",
            "body": "Customer asked for a refund; approved.", "encoding": "none"]])["index"] == 0)
        let attachment = try c.ok("add_attachment", ["vcon_uuid": .string(uuid), "attachment": [
            "purpose": "note", "party": 0, "mediatype": "text/plain", "body": "order 1234", "encoding": "none"]])
        #expect(attachment["section"] == "attachments")

        _ = try c.ok("manage_tag", ["vcon_uuid": .string(uuid), "action": "set", "key": "department", "value": "billing"])
        _ = try c.ok("manage_tag", ["vcon_uuid": .string(uuid), "action": "set", "key": "priority", "value": "high"])
        #expect(try c.ok("get_tags", ["vcon_uuid": .string(uuid)])["tags"] == ["department": "billing", "priority": "high"])
        #expect(try c.ok("get_tags", ["vcon_uuid": .string(uuid), "key": "priority"])["value"] == "high")
        let byTags = try c.ok("search_by_tags", ["tags": ["department": "billing"]])
        #expect(byTags["results"]?.arrayValue?.compactMap { $0["uuid"]?.stringValue } == [uuid])
        let unique = try c.ok("get_unique_tags", ["include_counts": true])
        #expect(unique["keys"]?.arrayValue?.contains("department") == true)
        _ = try c.ok("manage_tag", ["vcon_uuid": .string(uuid), "action": "remove", "key": "priority"])
        #expect(try c.ok("get_tags", ["vcon_uuid": .string(uuid)])["tags"] == ["department": "billing"])

        let meta = try c.ok("search_vcons", ["party_name": "alice", "include_count": true])
        #expect(meta["total_count"] == 1 && meta["results"]?[0]?["uuid"] == .string(uuid))
        let page1 = try c.ok("search_vcons", ["limit": 1, "response_format": "ids_only"])
        let cursor = try #require(page1["next_cursor"]?.stringValue, "two vCons stored: a second page exists")
        let page2 = try c.ok("search_vcons", ["limit": 1, "cursor": .string(cursor), "response_format": "ids_only"])
        #expect(Set([page1, page2].compactMap { $0["results"]?[0]?["uuid"]?.stringValue }) == [uuid, builtID])
        let fullSearch = try c.ok("search_vcons", ["party_tel": "+1 555 0100", "response_format": "full"])
        #expect(fullSearch["results"]?[0]?["vcon"]?["uuid"] == .string(uuid))
        let content = try c.ok("search_vcons_content", ["query": "refund"])
        #expect(content["results"]?[0]?["uuid"] == .string(uuid))
        #expect(content["results"]?[0]?["snippets"]?.arrayValue?.isEmpty == false)

        _ = try c.ok("remove_all_tags", ["vcon_uuid": .string(uuid)])
        #expect(try c.ok("get_tags", ["vcon_uuid": .string(uuid)])["tags"] == [:])

        let stats = try c.ok("get_cache_stats")
        #expect(stats["prefix"]?.stringValue?.hasPrefix("e2e-") == true)

        // Resources and completion over the same store.
        let read = try c.request("resources/read", ["uri": .string("vcon://v1/vcons/\(uuid)/transcript")])
        #expect(read["contents"]?[0]?["text"]?.stringValue?.contains("refund") == true)
        let completion = try c.request("completion/complete", ["ref": ["type": "ref/resource", "uri": "vcon://v1/vcons/{uuid}"],
                                                               "argument": ["name": "uuid", "value": .string(String(uuid.prefix(6)))]])
        #expect(completion["completion"]?["values"]?.arrayValue?.contains(.string(uuid)) == true)

        #expect(try c.ok("delete_vcon", ["uuid": .string(uuid)])["deleted"] == true)
        #expect(try c.ok("delete_vcon", ["uuid": .string(builtID)])["deleted"] == true)
        #expect(try c.failure("get_vcon", ["uuid": .string(uuid)]).contains("No vCon"))
    }
}
