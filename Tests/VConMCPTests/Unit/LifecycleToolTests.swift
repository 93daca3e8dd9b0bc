@testable import VConMCP
import JSONCore
import Storage
import Testing
import VConModel

@Suite struct LifecycleToolTests {
    let uuid = "01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2"

    @Test func getFullSplicesTheStoredBytes() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        let result = try await h.call("get_vcon", ["uuid": .string(uuid)])
        let structured = try #require(result.structuredContent)
        // The document is passed through as raw bytes, not re-encoded from a parsed value.
        let raw = try #require(structured["vcon"]?.rawValue)
        #expect(try raw.parsed() == ToolHarness.sample(uuid))
        #expect(ToolHarness.text(result).contains("Refund request"))
    }

    @Test func getMetadata() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        let out = try await h.success("get_vcon", ["uuid": .string(uuid.uppercased()), "response_format": "metadata"])
        let m = try #require(out["metadata"])
        #expect(m["uuid"] == .string(uuid))
        #expect(m["subject"] == "Refund request")
        #expect(m["party_count"] == 2 && m["dialog_count"] == 1)
        #expect(m["first_dialog_start"] == "2026-01-02T10:00:00Z")
    }

    @Test func getFailures() async throws {
        let h = ToolHarness()
        #expect(try await h.failure("get_vcon", ["uuid": .string(uuid)]).contains("No vCon with uuid \(uuid)"))
        #expect(try await h.failure("get_vcon", ["uuid": "nope"]).contains("must be a vCon uuid"))
        #expect(try await h.failure("get_vcon", [:]).contains("'uuid' is required"))
        #expect(try await h.failure("get_vcon", ["uuid": .string(uuid), "response_format": "huge"]).contains("full, summary, metadata"))
        #expect(try await h.failure("get_vcon", ["uuid": .string(uuid), "extra": 1]).contains("Unknown argument 'extra'"))
    }

    @Test func updateThenGetShowsTheChange() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        let out = try await h.success("update_vcon", ["uuid": .string(uuid), "updates": ["subject": "Refund approved"]])
        #expect(out["uuid"] == .string(uuid))
        let got = try await h.success("get_vcon", ["uuid": .string(uuid), "response_format": "metadata"])
        #expect(got["metadata"]?["subject"] == "Refund approved")
    }

    @Test func updateFailures() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        #expect(try await h.failure("update_vcon", ["uuid": .string(uuid), "updates": ["uuid": "x"]]).contains("'uuid' cannot be changed"))
        #expect(try await h.failure("update_vcon", ["uuid": .string(uuid), "updates": ["created_at": "x"]]).contains("'created_at' cannot be changed"))
        #expect(try await h.failure("update_vcon", ["uuid": .string(uuid), "updates": [:]]).contains("empty"))
        #expect(try await h.failure("update_vcon", ["uuid": .string(uuid), "updates": "subject"]).contains("must be a JSON object"))
        let invalid = try await h.failure("update_vcon", ["uuid": .string(uuid), "updates": ["subject": "INVALID"]])
        #expect(invalid.contains("- subject: subject must not be INVALID [bad_subject]"))
        let missing = "01890a5d-ac96-8d6e-a9c2-000000000000"
        #expect(try await h.failure("update_vcon", ["uuid": .string(missing), "updates": ["subject": "x"]]).contains("No vCon with uuid \(missing)"))
    }

    @Test func deleteIsIdempotent() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        #expect(try await h.success("delete_vcon", ["uuid": .string(uuid)])["deleted"] == true)
        #expect(try await h.success("delete_vcon", ["uuid": .string(uuid)])["deleted"] == false)
        #expect(try await h.failure("get_vcon", ["uuid": .string(uuid)]).contains("No vCon"))
        #expect(try await h.failure("delete_vcon", ["uuid": 42]).contains("must be a string"))
    }

    @Test func appendReturnsTheNewIndex() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        let party = try await h.success("add_party", ["vcon_uuid": .string(uuid), "party": ["name": "Carol"]])
        #expect(party["index"] == 2 && party["section"] == "parties")
        let dialog = try await h.success("add_dialog", ["vcon_uuid": .string(uuid), "dialog": ["type": "text", "parties": [2]]])
        #expect(dialog["index"] == 1)
        #expect(try await h.success("add_analysis", ["vcon_uuid": .string(uuid), "analysis": ["type": "summary", "vendor": "x"]])["index"] == 0)
        #expect(try await h.success("add_attachment", ["vcon_uuid": .string(uuid), "attachment": ["purpose": "note", "party": 0]])["index"] == 0)
    }

    @Test func appendFailures() async throws {
        let h = ToolHarness()
        await h.store.put(ToolHarness.sample(uuid))
        let bad = try await h.failure("add_dialog", ["vcon_uuid": .string(uuid), "dialog": ["type": "text", "parties": [9]]])
        #expect(bad.contains("dialog[1].parties[0]") && bad.contains("nothing was stored"))
        #expect(try await h.failure("add_party", ["vcon_uuid": .string(uuid)]).contains("'party' is required"))
        #expect(try await h.failure("add_party", ["vcon_uuid": .string(uuid), "dialog": [:]]).contains("Unknown argument 'dialog'"))
        let missing = "01890a5d-ac96-8d6e-a9c2-000000000000"
        #expect(try await h.failure("add_analysis", ["vcon_uuid": .string(missing), "analysis": ["type": "t", "vendor": "v"]]).contains("No vCon"))
    }

    @Test func storeOutageIsARetryableFailure() async throws {
        let h = ToolHarness()
        await h.store.setFailing(StorageError(.unavailable, operation: "vcon.get", message: "connection refused"))
        let message = try await h.failure("get_vcon", ["uuid": .string(uuid)])
        #expect(message.contains("unavailable") && message.contains("Retry"))
        #expect(try await h.failure("search_vcons").contains("server_status"))
        // Status tools still answer and say what is down.
        let status = try await h.success("server_status")
        #expect(status["postgres"]?["state"] == "down")
    }

    @Test func createRejectsBothFormsAtOnce() async throws {
        let h = ToolHarness()
        let message = try await h.failure("create_vcon", ["vcon": ToolHarness.sample(uuid), "subject": "x"])
        #expect(message.contains("not both"))
        #expect(try await h.failure("create_vcon", ["subject": 5]).contains("must be a string"))
        #expect(try await h.failure("create_vcon", ["parties": ["x": 1]]).contains("must be an array"))
    }
}
