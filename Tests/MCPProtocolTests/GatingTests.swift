import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

@Suite("Output gated by revision", .timeLimit(.minutes(TestTiming.minutes(1))))
struct GatingTests {
    func listTools(_ version: String) async throws -> [JSON] {
        let h = PipeHarness(options: ServerOptions(pageSize: 100))
        try await h.handshake(version)
        h.request(1, "tools/list")
        let tools = try #require(try await h.response(1)["result"]?["tools"]?.arrayValue)
        _ = try await h.finish()
        return tools
    }

    @Test(arguments: ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"])
    func toolListFields(version: String) async throws {
        let tools = try await listTools(version)
        let echo = try #require(tools.first { $0["name"] == "echo" })
        #expect(echo["description"] == "Returns its arguments.")
        #expect(echo["inputSchema"]?["type"] == "object")
        #expect((echo["annotations"] != nil) == (version >= "2025-03-26"))
        #expect((echo["title"] != nil) == (version >= "2025-06-18"))
        #expect((echo["outputSchema"] != nil) == (version >= "2025-06-18"))
        #expect(echo["icons"] == nil)
        if let a = echo["annotations"] {
            #expect(a == ["readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false])
        }
    }

    func call(_ version: String, _ name: String, _ arguments: JSON = [:]) async throws -> JSON {
        let h = PipeHarness()
        try await h.handshake(version)
        h.request(1, "tools/call", ["name": .string(name), "arguments": arguments])
        let r = try await h.response(1)
        _ = try await h.finish()
        return r
    }

    @Test(arguments: ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"])
    func structuredContentAndLinks(version: String) async throws {
        let modern = version >= "2025-06-18"
        let echo = try #require(try await call(version, "echo", ["text": "hi", "count": 2])["result"])
        #expect((echo["structuredContent"] != nil) == modern)
        // The text mirror is always there, and is the compact JSON of the value.
        #expect(echo["content"]?[0]?["type"] == "text")
        let mirror = try #require(echo["content"]?[0]?["text"]?.stringValue)
        #expect(try JSON.parse(mirror) == ["text": "hi", "count": 2])
        #expect(echo["isError"] == nil)

        let links = try #require(try await call(version, "links")["result"])
        let first = try #require(links["content"]?[0])
        if modern {
            #expect(first["type"] == "resource_link")
            #expect(first["uri"] == "test://doc/1")
            #expect(first["name"] == "doc 1")
            #expect(first["mimeType"] == "application/json")
        } else {
            #expect(first["type"] == "text")
            #expect(first["text"]?.stringValue?.contains("test://doc/1") == true)
        }
        // JSON text with a raw fragment: escaped once, newline inside the raw bytes kept as text.
        let second = try #require(links["content"]?[1]?["text"]?.stringValue)
        #expect(second == "{\"raw\":{\"a\":\n [1, \"x\\ny\"]}}")
        #expect(try JSON.parse(second) == ["raw": ["a": [1, "x\ny"]]])
    }

    @Test(arguments: ["2024-11-05", "2025-06-18"])
    func titlesOfResourcesAndPrompts(version: String) async throws {
        let h = PipeHarness()
        try await h.handshake(version)
        h.request(1, "resources/list")
        h.request(2, "resources/templates/list")
        h.request(3, "prompts/list")
        let hasTitle = version >= "2025-06-18"
        let resource = try #require(try await h.response(1)["result"]?["resources"]?[0])
        #expect((resource["title"] != nil) == hasTitle)
        let template = try #require(try await h.response(2)["result"]?["resourceTemplates"]?[0])
        #expect(template["uriTemplate"] == "test://doc/{n}")
        #expect((template["title"] != nil) == hasTitle)
        let prompt = try #require(try await h.response(3)["result"]?["prompts"]?[0])
        #expect((prompt["title"] != nil) == hasTitle)
        #expect(prompt["arguments"]?[0] == ["name": "name", "description": "who", "required": true])
        _ = try await h.finish()
    }

    @Test func revisionPredicates() {
        #expect(!ProtocolRevision.v2024_11_05.hasAnnotations)
        #expect(ProtocolRevision.v2025_03_26.allowsBatches)
        #expect(!ProtocolRevision.v2025_06_18.allowsBatches)
        #expect(!ProtocolRevision.v2025_03_26.hasStructuredOutput)
        #expect(ProtocolRevision.v2025_06_18.hasStructuredOutput)
        #expect(!ProtocolRevision.v2025_06_18.hasIcons)
        #expect(ProtocolRevision.v2025_11_25.inputErrorsAreToolResults)
        #expect(!ProtocolRevision.v2025_06_18.inputErrorsAreToolResults)
        #expect(ProtocolRevision.v2026_07_28.resourceNotFoundCode == -32602)
        #expect(ProtocolRevision.v2025_11_25.resourceNotFoundCode == -32002)
    }

    @Test func jsonTextEscapesOnceAndNeverReparses() throws {
        let value: JSON = ["s": "quote \" backslash \\ tab \t nl \n ctl \u{01} é", "n": 1.5, "raw": .raw(RawJSON(unchecked: Array(#"[1,"two"]"#.utf8)))]
        let literal = ContentEncoding.jsonTextLiteral(value)
        let text = try #require(try JSON.parse(literal.encoded()).stringValue)
        #expect(text == value.encodedString())
        let resource = ContentEncoding.resourceContents(ResourceContents(uri: "u", mimeType: nil, body: .jsonText(RawJSON(unchecked: Array(#"{"k":"v\n"}"#.utf8)))))
        #expect(try JSON.parse(resource.encoded())["text"] == #"{"k":"v\n"}"#)
    }
}
