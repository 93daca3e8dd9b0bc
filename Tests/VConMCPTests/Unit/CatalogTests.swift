@testable import VConMCP
import JSONCore
import MCPProtocol
import Testing

@Suite struct CatalogTests {
    static let expected = ["create_vcon", "get_vcon", "update_vcon", "delete_vcon", "add_party", "add_dialog", "add_analysis",
                           "add_attachment", "search_vcons", "search_vcons_content", "manage_tag", "get_tags", "remove_all_tags",
                           "search_by_tags", "get_unique_tags", "get_cache_stats", "server_status"]
    static let writes: Set = ["create_vcon", "update_vcon", "delete_vcon", "add_party", "add_dialog", "add_analysis",
                              "add_attachment", "manage_tag", "remove_all_tags"]

    @Test func everyToolIsThereWithValidSchemas() {
        let tools = ToolHarness().environment.catalog
        #expect(tools.map(\.name).sorted() == Self.expected.sorted())
        for tool in tools {
            #expect(!tool.title.isEmpty && tool.description.count > 40, "\(tool.name) needs a title and a useful description")
            #expect(tool.inputSchema["type"] == "object", "\(tool.name)")
            #expect(tool.inputSchema["additionalProperties"] == false, "\(tool.name) input should be strict")
            #expect(SchemaConformance.schemaProblems(tool.inputSchema).isEmpty, "\(tool.name): \(SchemaConformance.schemaProblems(tool.inputSchema))")
            let output = tool.outputSchema ?? .null
            #expect(output["type"] == "object", "\(tool.name) needs an object outputSchema")
            #expect(SchemaConformance.schemaProblems(output).isEmpty, "\(tool.name): \(SchemaConformance.schemaProblems(output))")
            #expect(tool.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
        }
    }

    @Test func annotationsAreHonest() {
        for tool in ToolHarness().environment.catalog {
            let a = tool.annotations
            #expect(a.readOnlyHint == !Self.writes.contains(tool.name), "\(tool.name) readOnlyHint")
            #expect(!a.openWorldHint, "\(tool.name) touches only its own store")
            if a.readOnlyHint { #expect(!a.destructiveHint && a.idempotentHint, "\(tool.name)") }
        }
        let tools = Dictionary(uniqueKeysWithValues: ToolHarness().environment.catalog.map { ($0.name, $0.annotations) })
        #expect(tools["delete_vcon"]?.destructiveHint == true)
        #expect(tools["create_vcon"]?.idempotentHint == false)
        #expect(tools["add_dialog"]?.destructiveHint == false && tools["add_dialog"]?.idempotentHint == false)
    }

    @Test func readOnlyModeHidesEveryWriteTool() async throws {
        let h = ToolHarness(readOnly: true)
        let names = Set(h.environment.catalog.map(\.name))
        #expect(names == Set(Self.expected).subtracting(Self.writes))
        #expect(h.tools["create_vcon"] == nil && h.tools["delete_vcon"] == nil)
        #expect(try await h.success("server_status")["read_only"] == true)
    }

    @Test func statusTools() async throws {
        let h = ToolHarness()
        let stats = try await h.success("get_cache_stats")
        #expect(stats["hits"] == 3 && stats["misses"] == 1 && stats["hit_ratio"] == .double(0.75))
        #expect(stats["ttl_seconds"] == 3600 && stats["prefix"] == "test:" && stats["enabled"] == true)
        let status = try await h.success("server_status")
        #expect(status["protocol_revisions"]?.arrayValue?.contains("2026-07-28") == true)
        #expect(status["protocol_version"] == "2025-11-25")
        #expect(status["postgres"]?["state"] == "up" && status["redis"]?["detail"] == "fake redis")
        #expect(try await h.failure("get_cache_stats", ["x": 1]).contains("accepts: no arguments"))
    }

    @Test func overBudgetResultsSayHowToAskForLess() async throws {
        let h = ToolHarness(maxResponseBytes: 8192)
        let uuid = "01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2"
        guard case var .object(doc) = ToolHarness.sample(uuid) else { return }
        doc["dialog"] = [["type": "text", "body": .string(String(repeating: "long words ", count: 2000)), "encoding": "none",
                          "start": "2026-01-02T10:00:00Z", "parties": [0]]]
        await h.store.put(.object(doc))
        let message = try await h.failure("get_vcon", ["uuid": .string(uuid)])
        #expect(message.contains("response budget of 8.0 KiB") && message.contains("VCON_MAX_RESPONSE_BYTES"))
        #expect(message.contains("response_format \"summary\""))
        #expect(message.contains("Nothing was truncated"))
        // The smaller view fits.
        _ = try await h.success("get_vcon", ["uuid": .string(uuid), "response_format": "metadata"])
        let search = try await h.failure("search_vcons", ["response_format": "full"])
        #expect(search.contains("smaller limit"))
    }

    @Test(arguments: [JSON.string("a"), ["a": "\""], ["k\\": ["x\n\u{01}é", 1, -20, 2.5, true, false, .null, [:], []]],
                      .raw(RawJSON(unchecked: Array(#"{"body":"line\n \"q\" \\ end","n":[1,2]}"#.utf8))),
                      ["vcon": .raw(RawJSON(unchecked: Array(#"{"a":"\u0001"}"#.utf8))), "s": "\t"]])
    func wireSizeIsExactWithoutEncoding(value: JSON) {
        // What the server sends: the encoding once as structuredContent and once as an escaped string.
        var writer = JSONWriter()
        writer.append(value)
        let encoded = writer.bytes
        var mirror = JSONWriter()
        mirror.appendStringLiteral(utf8: encoded)
        #expect(ResponseBudget.wireBytes(of: value) == encoded.count + mirror.bytes.count - 2)
        #expect(ResponseBudget.upperBound(of: value) >= ResponseBudget.wireBytes(of: value))
    }

    /// The shortcut never lets an over-budget result through: at the exact size it passes, one
    /// byte below it is refused.
    @Test(arguments: [JSON.string(String(repeating: "\u{01}", count: 300)), ["vcon": .raw(RawJSON(unchecked: Array(#"{"a":"\"x\""}"#.utf8)))]])
    func budgetRefusesAnythingOverTheExactSize(value: JSON) {
        let exact = ResponseBudget.wireBytes(of: value)
        #expect(ResponseBudget(maxBytes: exact).check(value, tool: "t", howToAskForLess: "") == nil)
        #expect(ResponseBudget(maxBytes: exact - 1).check(value, tool: "t", howToAskForLess: "") != nil)
    }
}
