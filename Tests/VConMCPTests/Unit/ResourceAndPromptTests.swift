@testable import VConMCP
import JSONCore
import Logging
import MCPProtocol
import Storage
import Testing

@Suite struct ResourceAndPromptTests {
    let uuid = "01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2"
    let context = ToolHarness.context

    @Test func uriParsing() {
        #expect(VConResourceURI("vcon://v1/vcons/\(uuid)")?.view == nil)
        #expect(VConResourceURI("vcon://v1/vcons/\(uuid)/dialog")?.view == .dialog)
        #expect(VConResourceURI("vcon://v1/vcons/\(uuid)/other") == nil)
        #expect(VConResourceURI("vcon://v1/vcons/not-a-uuid") == nil)
        #expect(VConResourceURI("file:///etc/passwd") == nil)
        #expect(VConResourceURI("vcon://v1/vcons/\(uuid.uppercased())/parties")?.string == "vcon://v1/vcons/\(uuid)/parties")
    }

    @Test func readWholeAndSections() async throws {
        let store = FakeVConStore()
        await store.put(ToolHarness.sample(uuid))
        let resources = VConResources(store: store, pageSize: 10)
        let whole = try await resources.read(uri: "vcon://v1/vcons/\(uuid)", context: context)
        #expect(whole.first?.mimeType == "application/vcon+json")
        guard case let .jsonText(raw)? = whole.first?.body else { Issue.record("whole vCon not spliced"); return }
        #expect(try raw.parsed() == ToolHarness.sample(uuid))
        let parties = try await resources.read(uri: "vcon://v1/vcons/\(uuid)/parties", context: context)
        #expect(parties.first?.mimeType == "application/json")
        guard case let .jsonText(p)? = parties.first?.body else { Issue.record("parties not JSON"); return }
        #expect(try p.parsed()[1]?["name"] == "Bob")
        let templates = resources.templates().map(\.uriTemplate)
        #expect(templates.contains("vcon://v1/vcons/{uuid}") && templates.contains("vcon://v1/vcons/{uuid}/transcript"))
    }

    @Test func unknownResourcesAreNotFound() async throws {
        let resources = VConResources(store: FakeVConStore(), pageSize: 10)
        for uri in ["vcon://v1/vcons/\(uuid)", "vcon://v1/other", "vcon://v1/vcons/\(uuid)/nope"] {
            await #expect(throws: MCPError.resourceNotFound(uri: uri)) { try await resources.read(uri: uri, context: context) }
        }
    }

    @Test func listPaginatesRecentVCons() async throws {
        let store = FakeVConStore()
        for i in 0..<3 { await store.put(ToolHarness.sample("01890a5d-ac96-8d6e-a9c2-00000000000\(i)", subject: "S\(i)")) }
        let resources = VConResources(store: store, pageSize: 2)
        let first = try await resources.list(cursor: nil, context: context)
        #expect(first.resources.map(\.title) == ["S2", "S1"])
        #expect(first.resources.first?.uri == "vcon://v1/vcons/01890a5d-ac96-8d6e-a9c2-000000000002")
        let second = try await resources.list(cursor: first.nextCursor, context: context)
        #expect(second.resources.count == 1 && second.nextCursor == nil)
        await #expect(throws: MCPError.self) { try await resources.list(cursor: "bad", context: context) }
    }

    @Test func completesUUIDPrefixes() async throws {
        let store = FakeVConStore()
        await store.put(ToolHarness.sample(uuid))
        await store.put(ToolHarness.sample("ffff0a5d-ac96-8d6e-a9c2-34f1e2f0a1b2"))
        let complete = UUIDCompletion.handler(store: store)
        let hit = try await complete(CompletionRequest(reference: .resourceTemplate(uri: "vcon://v1/vcons/{uuid}"),
                                                       argumentName: "uuid", argumentValue: "0189"), context)
        #expect(hit.values == [uuid] && !hit.hasMore)
        let prompt = try await complete(CompletionRequest(reference: .prompt(name: "summarize_conversation"),
                                                          argumentName: "uuid", argumentValue: "FFFF"), context)
        #expect(prompt.values.count == 1)
        let other = try await complete(CompletionRequest(reference: .resourceTemplate(uri: "vcon://v1/vcons/{uuid}"),
                                                         argumentName: "uuid", argumentValue: "zz"), context)
        #expect(other.values.isEmpty)
    }

    @Test func promptsDeclareArgumentsAndNameTools() async throws {
        let prompts = Dictionary(uniqueKeysWithValues: VConPrompts.all().map { ($0.name, $0) })
        #expect(prompts.keys.sorted() == ["find_conversations_with_party", "review_day", "summarize_conversation"])
        for p in prompts.values { #expect(p.arguments.count == 1 && p.arguments[0].required) }

        func text(_ r: PromptResult) -> String {
            if case let .text(t) = r.messages.first?.content { return t }
            return ""
        }
        let summary = try await prompts["summarize_conversation"]!.handler(["uuid": uuid], context)
        #expect(text(summary).contains("get_vcon") && text(summary).contains(uuid))
        let party = try await prompts["find_conversations_with_party"]!.handler(["party": "+1 555 0100"], context)
        #expect(text(party).contains("\"party_tel\": \"+1 555 0100\""))
        let email = try await prompts["find_conversations_with_party"]!.handler(["party": "bob@example.com"], context)
        #expect(text(email).contains("party_email"))
        let day = try await prompts["review_day"]!.handler(["date": "2026-01-31"], context)
        #expect(text(day).contains("\"conversation_after\": \"2026-01-31T00:00:00Z\", \"conversation_before\": \"2026-02-01T00:00:00Z\""))
        await #expect(throws: MCPError.self) { try await prompts["review_day"]!.handler(["date": "tomorrow"], context) }
        await #expect(throws: MCPError.self) { try await prompts["summarize_conversation"]!.handler(["uuid": "x"], context) }
    }
}
