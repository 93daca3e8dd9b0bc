@testable import VConMCP
import JSONCore
import Logging
import MCPProtocol
import Storage
import Testing

/// Calls tools of a `ToolEnvironment` over a fake store as the server would, and checks every
/// successful result against the tool's outputSchema.
struct ToolHarness {
    let store: FakeVConStore
    let environment: ToolEnvironment
    let tools: [String: Tool]

    init(store: FakeVConStore = FakeVConStore(), readOnly: Bool = false, maxResponseBytes: Int = 1 << 20) {
        self.store = store
        environment = ToolEnvironment(store: store, budget: ResponseBudget(maxBytes: maxResponseBytes), readOnly: readOnly,
                                      serverVersion: "test", logger: Logger(label: "test"))
        tools = Dictionary(uniqueKeysWithValues: environment.catalog.map { ($0.name, $0) })
    }

    static let context = RequestContext(logger: Logger(label: "test"), protocolVersion: "2025-11-25")

    func call(_ name: String, _ arguments: JSONObject = [:]) async throws -> ToolResult {
        let tool = try #require(tools[name], "no tool \(name)")
        let result = try await tool.handler(arguments, Self.context)
        if !result.isError, let schema = tool.outputSchema {
            let structured = try #require(result.structuredContent, "\(name) returned no structuredContent")
            let problems = SchemaConformance.violations(of: structured, against: schema)
            #expect(problems.isEmpty, "\(name) structuredContent violates its outputSchema: \(problems)")
            // The protocol layer's validator must agree (it checks tool inputs the same way).
            let resolved = try structured.resolvingRaw()
            let protocolProblems = SchemaValidator.validate(resolved, against: schema, rootName: "structuredContent")
            #expect(protocolProblems.isEmpty, "\(name): \(protocolProblems)")
        }
        return result
    }

    /// The structured content of a successful call.
    func success(_ name: String, _ arguments: JSONObject = [:]) async throws -> JSON {
        let result = try await call(name, arguments)
        #expect(!result.isError, "\(name) failed: \(Self.text(result))")
        return try #require(result.structuredContent)
    }

    /// The message of a failed call (isError), which must say something.
    func failure(_ name: String, _ arguments: JSONObject = [:]) async throws -> String {
        let result = try await call(name, arguments)
        #expect(result.isError, "\(name) should have failed")
        #expect(result.structuredContent == nil)
        return Self.text(result)
    }

    static func text(_ result: ToolResult) -> String {
        result.content.map { block -> String in
            switch block {
            case let .text(t): return t
            case let .jsonText(j): return j.encodedString()
            case let .resourceLink(uri, _, _, _): return uri
            }
        }.joined(separator: "\n")
    }

    static func sample(_ uuid: String = "01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2", subject: String = "Refund request") -> JSON {
        ["uuid": .string(uuid), "created_at": "2026-01-02T10:00:00Z", "vcon": "0.4.0", "subject": .string(subject),
         "parties": [["name": "Alice", "tel": "+15550100"], ["name": "Bob", "mailto": "bob@example.com"]],
         "dialog": [["type": "text", "start": "2026-01-02T10:00:00Z", "parties": [0, 1], "originator": 0,
                     "mediatype": "text/plain", "body": "I would like a refund", "encoding": "none"]],
         "analysis": [], "attachments": []]
    }
}
