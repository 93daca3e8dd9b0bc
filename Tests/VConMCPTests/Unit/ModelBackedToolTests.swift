@testable import VConMCP
import JSONCore
import Logging
import MCPProtocol
import Storage
import Testing
import VConModel

/// Tool paths that go through VConModel (ingest, builder, tags, transcript) over the fake store.
@Suite struct ModelBackedToolTests {
    let uuid = "01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2"

    @Test func createFromAWholeVConThenGetIt() async throws {
        let h = ToolHarness()
        let out = try await h.success("create_vcon", ["vcon": ToolHarness.sample(uuid)])
        #expect(out["uuid"] == .string(uuid) && out["created"] == true && out["form"] == "unsigned")
        let again = try await h.success("create_vcon", ["vcon": ToolHarness.sample(uuid)])
        #expect(again["created"] == false)
        let got = try await h.success("get_vcon", ["uuid": .string(uuid)])
        #expect(try got.resolvingRaw()["vcon"]?["subject"] == "Refund request")
    }

    @Test func createFromFieldsAssignsAUUID() async throws {
        let h = ToolHarness()
        let out = try await h.success("create_vcon", ["subject": "Built", "parties": [["name": "Alice", "tel": "+15550100"]]])
        let id = try #require(out["uuid"]?.stringValue.flatMap(VConID.init))
        let got = try await h.success("get_vcon", ["uuid": .string(id.string), "response_format": "summary"])
        #expect(got["summary"]?["subject"] == "Built")
        #expect(got["summary"]?["parties"]?[0]?["name"] == "Alice")
    }

    @Test func createReportsEveryIssueWithItsPath() async throws {
        let h = ToolHarness()
        guard case var .object(doc) = ToolHarness.sample(uuid) else { return }
        doc["created_at"] = "yesterday"
        doc["dialog"] = [["type": "shout", "parties": [7]]]
        let message = try await h.failure("create_vcon", ["vcon": .object(doc)])
        #expect(message.contains("not a valid vCon"))
        #expect(message.contains("- created_at"))
        #expect(message.contains("- dialog[0]"))
    }

    @Test func createConflictSaysWhatToDo() async throws {
        let h = ToolHarness()
        _ = try await h.success("create_vcon", ["vcon": ToolHarness.sample(uuid)])
        let message = try await h.failure("create_vcon", ["vcon": ToolHarness.sample(uuid, subject: "Other")])
        #expect(message.contains("already stored") && message.contains("update_vcon"))
    }

    @Test func summaryListsSectionsAndTags() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        let s = try #require(try await h.success("get_vcon", ["uuid": .string(uuid), "response_format": "summary"])["summary"])
        #expect(s["dialog"]?[0]?["type"] == "text")
        #expect(s["parties"]?.arrayValue?.count == 2)
        #expect(s["tags"] == [:])
    }

    @Test func transcriptResourceIsPlainText() async throws {
        let store = FakeVConStore()
        await store.put(ToolHarness.sample(uuid))
        let contents = try await VConResources(store: store, pageSize: 10)
            .read(uri: "vcon://v1/vcons/\(uuid)/transcript", context: ToolHarness.context)
        #expect(contents.first?.mimeType == "text/plain")
        guard case let .text(t)? = contents.first?.body else { Issue.record("transcript not text"); return }
        #expect(t.contains("I would like a refund"))
    }
}
