import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

@Suite("Handshake era lifecycle", .timeLimit(.minutes(TestTiming.minutes(1))))
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

    @Test func handlersLogToTheClientAtTheLevelItSet() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "tools/call", ["name": "chatty", "arguments": [:]])
        #expect(try await h.next()?["id"] == 1)               // no level set: nothing sent
        h.request(2, "logging/setLevel", ["level": "info"])
        #expect(try await h.response(2)["result"] == [:])
        h.request(3, "tools/call", ["name": "chatty", "arguments": [:]])
        let log = try #require(try await h.next())
        #expect(log["method"] == "notifications/message")
        #expect(log["params"]?["level"] == "warning")
        #expect(log["params"]?["data"] == ["note": "careful"])
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
