import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

@Suite("2026-07-28 stateless era", .timeLimit(.minutes(TestTiming.minutes(1))))
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

    @Test func logLevelTravelsWithTheRequest() async throws {
        let h = PipeHarness()
        var meta = try #require(Self.meta.objectValue)
        meta["io.modelcontextprotocol/logLevel"] = "debug"
        h.request(1, "tools/call", ["name": "chatty", "arguments": [:], "_meta": .object(meta)])
        #expect(try await h.next()?["params"]?["level"] == "debug")
        #expect(try await h.next()?["params"]?["level"] == "warning")
        #expect(try await h.next()?["id"] == 1)
        h.request(2, "tools/call", Self.params(["name": "chatty", "arguments": [:]]))
        #expect(try await h.next()?["id"] == 2)
        _ = try await h.finish()
    }
}
