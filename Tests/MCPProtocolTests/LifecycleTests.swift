import JSONCore
@testable import MCPProtocol
import Testing

@Suite("Handshake era lifecycle", .timeLimit(.minutes(1)))
struct LifecycleTests {
    @Test(arguments: ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"])
    func supportedRevisionIsEchoed(version: String) async throws {
        let h = PipeHarness()
        let r = try await h.handshake(version)
        let result = try #require(r["result"])
        #expect(result["protocolVersion"] == .string(version))
        #expect(result["serverInfo"]?["name"] == "test-server")
        #expect(result["serverInfo"]?["version"] == "1.2.3")
        // serverInfo.title arrived in 2025-06-18.
        #expect((result["serverInfo"]?["title"] != nil) == (version >= "2025-06-18"))
        #expect(result["instructions"] == "Be nice.")
        let caps = try #require(result["capabilities"]?.objectValue)
        #expect(caps.contains("tools") && caps.contains("resources") && caps.contains("prompts") && caps.contains("logging"))
        #expect(caps.contains("completions") == (version >= "2025-03-26"))
        _ = try await h.finish()
    }

    @Test(arguments: ["1900-01-01", "2026-07-28", "banana"])
    func unsupportedRevisionGetsTheLatest(version: String) async throws {
        let h = PipeHarness()
        let r = try await h.handshake(version)
        #expect(r["result"]?["protocolVersion"] == "2025-11-25")
        _ = try await h.finish()
    }

    @Test func negotiateFunction() {
        #expect(ProtocolRevision.negotiate("2025-03-26") == .v2025_03_26)
        #expect(ProtocolRevision.negotiate("2099-01-01") == .v2025_11_25)
    }

    @Test func secondInitializeIsRefused() async throws {
        let h = PipeHarness()
        try await h.handshake("2025-06-18")
        h.request(2, "initialize", ["protocolVersion": "2025-11-25", "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]])
        #expect(try await h.response(2)["error"]?["code"] == -32600)
        // The first negotiation stands.
        h.request(3, "tools/list")
        let tools = try await h.response(3)["result"]?["tools"]?.arrayValue ?? []
        #expect(tools.first?["title"] != nil)
        _ = try await h.finish()
    }

    @Test func initializeWithoutVersionIsInvalidParams() async throws {
        let h = PipeHarness()
        h.request(1, "initialize", ["capabilities": [:]])
        #expect(try await h.response(1)["error"]?["code"] == -32602)
        _ = try await h.finish()
    }

    @Test func pingNotificationsAndUnknownMethods() async throws {
        let h = PipeHarness()
        h.request(1, "ping")                          // allowed before initialize
        #expect(try await h.response(1)["result"] == [:])
        try await h.handshake()
        h.notify("notifications/cancelled", ["requestId": 424242])
        h.notify("notifications/x-unknown")
        h.request(2, "x/unknown-method")
        // The next line is the answer to 2: the notifications were not answered.
        let next = try #require(try await h.next())
        #expect(next["id"] == 2)
        #expect(next["error"]?["code"] == -32601)
        h.send(["jsonrpc": "2.0", "id": "str-id", "method": "ping"])
        let s = try #require(try await h.next())
        #expect(s["id"] == "str-id")
        _ = try await h.finish()
    }

    @Test func setLevelValidatesTheLevel() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "logging/setLevel", ["level": "warning"])
        #expect(try await h.response(1)["result"] == [:])
        h.request(2, "logging/setLevel", ["level": "loud"])
        #expect(try await h.response(2)["error"]?["code"] == -32602)
        await h.server.sendLog(.info, "dropped: below the level")
        await h.server.sendLog(.error, ["detail": "kept"], logger: "db")
        h.request(3, "ping")
        let log = try #require(try await h.next())
        #expect(log["method"] == "notifications/message")
        #expect(log["params"]?["level"] == "error")
        #expect(log["params"]?["data"]?["detail"] == "kept")
        #expect(log["params"]?["logger"] == "db")
        #expect(try await h.next()?["id"] == 3)
        _ = try await h.finish()
    }

    @Test func batchesOnlyAt20250326() async throws {
        let h = PipeHarness()
        try await h.handshake("2025-11-25")
        h.send([["jsonrpc": "2.0", "id": 9, "method": "ping"]])
        let r = try #require(try await h.next())
        #expect(r["error"]?["code"] == -32600)
        #expect(r["id"] == .null)
        _ = try await h.finish()

        let b = PipeHarness()
        try await b.handshake("2025-03-26")
        b.send([
            ["jsonrpc": "2.0", "id": 1, "method": "ping"],
            ["jsonrpc": "2.0", "method": "notifications/x"],
            ["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": ["name": "echo", "arguments": ["text": "hi"]]],
            ["jsonrpc": "2.0", "id": 3, "method": "nope"],
            ["jsonrpc": "2.0", "id": 4],
        ])
        let batch = try #require(try await b.next()?.arrayValue)
        #expect(batch.count == 4)
        let byID = Dictionary(uniqueKeysWithValues: batch.map { ($0["id"]!.intValue!, $0) })
        #expect(byID[1]?["result"] == [:])
        #expect(byID[2]?["result"]?["content"] != nil)
        #expect(byID[2]?["result"]?["structuredContent"] == nil)   // gated: 2025-03-26
        #expect(byID[3]?["error"]?["code"] == -32601)
        #expect(byID[4]?["error"]?["code"] == -32600)
        b.send([["jsonrpc": "2.0", "method": "notifications/x"]])   // notifications only: no answer
        b.send([])
        let empty = try #require(try await b.next())
        #expect(empty["error"]?["code"] == -32600)
        _ = try await b.finish()
    }
}

@Suite("2026-07-28 stateless era", .timeLimit(.minutes(1)))
struct ModernTests {
    static let meta: JSON = ["io.modelcontextprotocol/protocolVersion": "2026-07-28",
                             "io.modelcontextprotocol/clientCapabilities": [:]]

    static func params(_ extra: JSONObject = [:]) -> JSON {
        var o = extra
        o["_meta"] = meta
        return .object(o)
    }

    @Test func discoverAdvertisesVersionsAndCaching() async throws {
        let h = PipeHarness()
        h.request(1, "server/discover", Self.params())
        let r = try #require(try await h.response(1)["result"])
        #expect(r["supportedVersions"]?.arrayValue?.contains("2026-07-28") == true)
        #expect(r["supportedVersions"]?.arrayValue?.contains("2024-11-05") == true)
        #expect(r["resultType"] == "complete")
        #expect(r["ttlMs"]?.intValue ?? -1 >= 0)
        #expect(r["cacheScope"] == "public")
        #expect(r["capabilities"]?["tools"] != nil)
        #expect(r["capabilities"]?["logging"] == nil)
        #expect(r["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "test-server")
        _ = try await h.finish()
    }

    @Test func everyResultIsCompleteAndListsAreCacheable() async throws {
        let h = PipeHarness()
        let cases: [(String, JSON, Bool)] = [
            ("tools/list", Self.params(), true), ("prompts/list", Self.params(), true),
            ("resources/list", Self.params(), true), ("resources/templates/list", Self.params(), true),
            ("resources/read", Self.params(["uri": "test://doc/2"]), true),
            ("tools/call", Self.params(["name": "echo", "arguments": ["text": "x"]]), false),
            ("prompts/get", Self.params(["name": "greet", "arguments": ["name": "Ann"]]), false),
            ("completion/complete", Self.params(["ref": ["type": "ref/prompt", "name": "greet"], "argument": ["name": "name", "value": "A"]]), false),
        ]
        for (i, (method, params, cacheable)) in cases.enumerated() {
            h.request(i, method, params)
            let r = try #require(try await h.response(i)["result"], "\(method)")
            #expect(r["resultType"] == "complete", "\(method)")
            #expect((r["ttlMs"] != nil) == cacheable, "\(method)")
            #expect((r["cacheScope"] != nil) == cacheable, "\(method)")
        }
        _ = try await h.finish()
    }

    @Test func missingMetaIsInvalidParams() async throws {
        let h = PipeHarness()
        h.request(1, "tools/list", [:])
        #expect(try await h.response(1)["error"]?["code"] == -32602)
        h.request(2, "tools/list")
        #expect(try await h.response(2)["error"]?["code"] == -32602)
        h.request(3, "tools/list", ["_meta": ["io.modelcontextprotocol/protocolVersion": "2026-07-28"]])
        let noCaps = try await h.response(3)
        #expect(noCaps["error"]?["code"] == -32602)
        #expect(noCaps["error"]?["message"]?.stringValue?.contains("clientCapabilities") == true)
        _ = try await h.finish()
    }

    @Test func unsupportedVersionIs32022WithData() async throws {
        let h = PipeHarness()
        h.request(1, "tools/list", ["_meta": ["io.modelcontextprotocol/protocolVersion": "1900-01-01",
                                              "io.modelcontextprotocol/clientCapabilities": [:]]])
        let e = try #require(try await h.response(1)["error"])
        #expect(e["code"] == -32022)
        #expect(e["data"]?["requested"] == "1900-01-01")
        #expect(e["data"]?["supported"]?.arrayValue?.contains("2026-07-28") == true)
        _ = try await h.finish()
    }

    @Test func pingAndSetLevelAreGone() async throws {
        let h = PipeHarness()
        h.request(1, "ping", Self.params())
        #expect(try await h.response(1)["error"]?["code"] == -32601)
        h.request(2, "logging/setLevel", Self.params(["level": "info"]))
        #expect(try await h.response(2)["error"]?["code"] == -32601)
        _ = try await h.finish()
    }

    @Test func resourceNotFoundCodePerEra() async throws {
        let h = PipeHarness()
        h.request(1, "resources/read", Self.params(["uri": "test://missing"]))
        let modern = try #require(try await h.response(1)["error"])
        #expect(modern["code"] == -32602)
        #expect(modern["data"]?["uri"] == "test://missing")
        _ = try await h.finish()

        let l = PipeHarness()
        try await l.handshake()
        l.request(1, "resources/read", ["uri": "test://missing"])
        #expect(try await l.response(1)["error"]?["code"] == -32002)
        _ = try await l.finish()
    }

    /// A dual-era client probes with server/discover, then falls back to initialize.
    @Test func discoverThenInitialize() async throws {
        let h = PipeHarness()
        h.request(1, "server/discover", Self.params())
        #expect(try await h.response(1)["result"] != nil)
        let r = try await h.handshake("2025-06-18", id: 2)
        #expect(r["result"]?["protocolVersion"] == "2025-06-18")
        h.request(3, "tools/list")
        #expect(try await h.response(3)["result"]?["resultType"] == nil)
        _ = try await h.finish()
    }

    @Test func modernToolsCarryEverything() async throws {
        let h = PipeHarness()
        h.request(1, "tools/call", Self.params(["name": "echo", "arguments": ["text": "hi"]]))
        let r = try #require(try await h.response(1)["result"])
        #expect(r["structuredContent"] == ["text": "hi"])
        h.request(2, "tools/call", Self.params(["name": "echo", "arguments": ["text": 5]]))
        let bad = try #require(try await h.response(2)["result"])
        #expect(bad["isError"] == true)
        _ = try await h.finish()
    }
}
