import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

@Suite("Registries, pagination and errors", .timeLimit(.minutes(TestTiming.minutes(1))))
struct RegistryTests {
    @Test func toolsArePagedWithOpaqueCursors() async throws {
        let h = PipeHarness()   // page size 2, TestTools.all
        try await h.handshake()
        var names: [String] = []
        var cursor: JSON? = nil
        var id = 1
        repeat {
            h.request(id, "tools/list", cursor.map { ["cursor": $0] })
            let result = try #require(try await h.response(id)["result"])
            names += (result["tools"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            cursor = result["nextCursor"]
            id += 1
        } while cursor != nil && id < 20
        #expect(names == TestTools.all.map(\.name))
        #expect(id - 1 == (TestTools.all.count + 1) / 2)   // pages of 2
        _ = try await h.finish()
    }

    @Test(arguments: ["!!not-a-cursor!!", "", "bWNwMTp0b29sczo5OQ", "bWNwMTpwcm9tcHRzOjE"])
    func badCursorIsInvalidParams(cursor: String) async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "tools/list", ["cursor": .string(cursor)])
        #expect(try await h.response(1)["error"]?["code"] == -32602)
        h.request(2, "tools/list", ["cursor": 5])
        #expect(try await h.response(2)["error"]?["code"] == -32602)
        _ = try await h.finish()
    }

    @Test func cursorRoundTrip() throws {
        let c = PageCursor.make(list: "tools", offset: 4)
        #expect(try PageCursor.offset(c, list: "tools", count: 10) == 4)
        #expect(throws: MCPError.self) { try PageCursor.offset(c, list: "prompts", count: 10) }
        #expect(throws: MCPError.self) { try PageCursor.offset(c, list: "tools", count: 3) }
        for n in 0..<10 {
            let bytes = (0..<n).map { UInt8($0 * 37 % 256) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.decode("a") == nil)
    }

    @Test func resourcesPageThroughTheProvider() async throws {
        let h = PipeHarness()
        try await h.handshake()
        var uris: [String] = []
        var cursor: JSON? = nil
        for id in 1...5 {
            h.request(id, "resources/list", cursor.map { ["cursor": $0] })
            let result = try #require(try await h.response(id)["result"])
            uris += (result["resources"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue }
            cursor = result["nextCursor"]
            if cursor == nil { break }
        }
        #expect(uris == (0..<5).map { "test://doc/\($0)" })
        h.request(9, "resources/read", ["uri": "test://doc/1"])
        let contents = try #require(try await h.response(9)["result"]?["contents"]?[0])
        #expect(contents["mimeType"] == "application/json")
        #expect(try JSON.parse(try #require(contents["text"]?.stringValue)) == ["n": 1, "s": "a\"b"])
        h.request(10, "resources/read", [:])
        #expect(try await h.response(10)["error"]?["code"] == -32602)
        _ = try await h.finish()
    }

    @Test func unknownToolIsAProtocolError() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "tools/call", ["name": "no_such_tool", "arguments": [:]])
        #expect(try await h.response(1)["error"]?["code"] == -32602)
        h.request(2, "tools/call", ["arguments": [:]])
        #expect(try await h.response(2)["error"]?["code"] == -32602)
        h.request(3, "tools/call", ["name": "echo", "arguments": [1, 2]])
        #expect(try await h.response(3)["error"]?["code"] == -32602)
        _ = try await h.finish()
    }

    /// 2025-11-25: bad arguments come back as an isError result naming the problem; before: -32602.
    @Test(arguments: ["2025-06-18", "2025-11-25"])
    func invalidArgumentsPerRevision(version: String) async throws {
        let h = PipeHarness()
        try await h.handshake(version)
        h.request(1, "tools/call", ["name": "echo", "arguments": ["text": .string(String(repeating: "x", count: 30)), "count": 11, "extra": true]])
        let r = try await h.response(1)
        let message: String
        if version >= "2025-11-25" {
            let result = try #require(r["result"])
            #expect(result["isError"] == true)
            message = try #require(result["content"]?[0]?["text"]?.stringValue)
        } else {
            #expect(r["error"]?["code"] == -32602)
            message = try #require(r["error"]?["message"]?.stringValue)
        }
        #expect(message.contains("arguments.text"))
        #expect(message.contains("arguments.count: must be at most 10"))
        #expect(message.contains("unknown property \"extra\""))
        h.request(2, "tools/call", ["name": "echo", "arguments": [:]])
        let missing = try await h.response(2)
        #expect("\(missing)".contains("missing required property"))
        _ = try await h.finish()
    }

    @Test func handlerErrors() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "tools/call", ["name": "failing", "arguments": [:]])
        let generic = try #require(try await h.response(1)["error"])
        #expect(generic["code"] == -32603)
        #expect(generic["message"] == "Internal error")
        h.request(2, "tools/call", ["name": "failing", "arguments": ["mcp": true]])
        let custom = try #require(try await h.response(2)["error"])
        #expect(custom == ["code": -31000, "message": "custom failure", "data": ["why": "test"]])
        _ = try await h.finish()
    }

    @Test func promptsCheckRequiredArguments() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "prompts/get", ["name": "greet", "arguments": ["name": "Ann"]])
        let r = try #require(try await h.response(1)["result"])
        #expect(r["messages"]?[0]?["content"]?["text"] == "Hello Ann")
        #expect(r["messages"]?[0]?["role"] == "user")
        h.request(2, "prompts/get", ["name": "greet", "arguments": ["tone": "warm"]])
        #expect(try await h.response(2)["error"]?["code"] == -32602)
        h.request(3, "prompts/get", ["name": "nope"])
        #expect(try await h.response(3)["error"]?["code"] == -32602)
        h.request(4, "prompts/get", ["name": "greet", "arguments": ["name": 3]])
        #expect(try await h.response(4)["error"]?["code"] == -32602)
        _ = try await h.finish()
    }

    @Test func completionIsCappedAt100() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "completion/complete", ["ref": ["type": "ref/prompt", "name": "greet"], "argument": ["name": "name", "value": "A"]])
        let c = try #require(try await h.response(1)["result"]?["completion"])
        #expect(c["values"]?.arrayValue?.count == 100)
        #expect(c["values"]?[0] == "A0")
        #expect(c["total"] == 150)
        #expect(c["hasMore"] == true)
        h.request(2, "completion/complete", ["ref": ["type": "ref/prompt", "name": "missing"], "argument": ["name": "n", "value": ""]])
        #expect(try await h.response(2)["error"]?["code"] == -32602)
        h.request(3, "completion/complete", ["ref": ["type": "ref/resource", "uri": "test://doc/{n}"], "argument": ["name": "n", "value": "1"]])
        #expect(try await h.response(3)["result"]?["completion"]?["values"]?[0] == "10")
        _ = try await h.finish()
    }

    @Test func capabilitiesFollowRegistrations() async throws {
        let h = PipeHarness(tools: [TestTools.echo], resources: nil, prompts: [], completion: nil)
        let caps = try #require(try await h.handshake()["result"]?["capabilities"]?.objectValue)
        #expect(caps.keys.sorted() == ["logging", "tools"])
        h.request(1, "resources/list")
        #expect(try await h.response(1)["error"]?["code"] == -32601)
        h.request(2, "prompts/list")
        #expect(try await h.response(2)["error"]?["code"] == -32601)
        _ = try await h.finish()
    }
}
