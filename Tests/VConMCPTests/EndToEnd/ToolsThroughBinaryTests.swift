import Foundation
import JSONCore
import Testing

/// Piped JSON-RPC into the built binary against the real PostgreSQL and Redis.
@Suite(.enabled(if: TestEnvironment.servicesConfigured), .serialized)
struct ToolsThroughBinaryTests {
    func client(redis: String? = nil, useRedis: Bool = true, extra: [String: String] = [:]) throws -> MCPTestClient {
        let services = try TestEnvironment.requireServices()
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database,
                                                              redis: useRedis ? (redis ?? services.redis) : nil, extra: extra)
        let c = try MCPTestClient(binary: try TestEnvironment.binary(), environment: setup.env)
        c.isolation = setup   // dropped when the test lets go of the client
        try c.initialize()
        return c
    }

    @Test func everyToolSucceeds() throws {
        let c = try client()
        try ToolSuite.runAll(c)
        #expect(try c.finish() == 0)
    }

    @Test func everyToolSucceedsWithRedisDead() throws {
        // A port nothing listens on: every call must still succeed, served from PostgreSQL.
        let c = try client(redis: "redis://127.0.0.1:1/0")
        try ToolSuite.runAll(c)
        let stats = try c.ok("get_cache_stats")
        #expect(stats["connected"] == false)
        #expect(try c.ok("server_status")["redis"]?["state"] == "down")
        #expect(try c.finish() == 0)
    }

    @Test func everyToolSucceedsWithoutACache() throws {
        let c = try client(useRedis: false)
        try ToolSuite.runAll(c)
        #expect(try c.ok("get_cache_stats")["enabled"] == false)
        #expect(try c.finish() == 0)
    }

    @Test func failuresSayWhatToDo() throws {
        let c = try client()
        let missing = UUID().uuidString.lowercased()
        #expect(try c.failure("get_vcon", ["uuid": .string(missing)]).contains("No vCon with uuid \(missing)"))
        #expect(try c.failure("update_vcon", ["uuid": .string(missing), "updates": ["subject": "x"]]).contains("No vCon"))
        #expect(try c.ok("delete_vcon", ["uuid": .string(missing)])["deleted"] == false)
        for tool in ["add_party", "add_dialog", "add_analysis", "add_attachment"] {
            let arg = ["add_party": "party", "add_dialog": "dialog", "add_analysis": "analysis", "add_attachment": "attachment"][tool]!
            #expect(try c.failure(tool, ["vcon_uuid": .string(missing), arg: ["type": "text", "vendor": "v", "party": 0]]).contains("No vCon"), "\(tool)")
        }
        #expect(try c.failure("manage_tag", ["vcon_uuid": .string(missing), "action": "set", "key": "k", "value": "v"]).contains("No vCon"))
        #expect(try c.failure("get_tags", ["vcon_uuid": .string(missing)]).contains("No vCon"))
        #expect(try c.failure("remove_all_tags", ["vcon_uuid": .string(missing)]).contains("No vCon"))

        // An invalid vCon: every issue with its path, nothing stored.
        let invalid: JSON = ["uuid": .string(missing), "created_at": "not a date",
                             "parties": [["name": "A"]], "dialog": [["type": "text", "parties": [5], "duration": -1]]]
        let message = try c.failure("create_vcon", ["vcon": invalid])
        #expect(message.contains("created_at") && message.contains("dialog[0]"))
        #expect(try c.failure("get_vcon", ["uuid": .string(missing)]).contains("No vCon"))

        // A valid vCon, then appends that would break it.
        let uuid = UUID().uuidString.lowercased()
        _ = try c.ok("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: "Failures")])
        let bad = try c.failure("add_dialog", ["vcon_uuid": .string(uuid), "dialog": ["type": "text", "parties": [9],
                                                                                       "start": "2026-03-04T09:00:00Z", "body": "x", "encoding": "none"]])
        #expect(bad.contains("dialog[1]"))
        #expect(try c.failure("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: "Different")]).contains("update_vcon"))
        #expect(try c.failure("update_vcon", ["uuid": .string(uuid), "updates": ["created_at": "2020-01-01T00:00:00Z"]]).contains("cannot be changed"))
        #expect(try c.failure("manage_tag", ["vcon_uuid": .string(uuid), "action": "set", "key": "k"]).contains("'value' is required"))

        // Bad cursors, bad arguments, bad dates.
        #expect(try c.failure("search_vcons", ["cursor": "not-a-cursor"]).contains("cursor is not valid"))
        #expect(try c.failure("search_vcons_content", ["query": "refund", "cursor": "not-a-cursor"]).contains("cursor is not valid"))
        #expect(try c.failure("search_by_tags", ["tags": ["a": "b"], "cursor": "not-a-cursor"]).contains("cursor is not valid"))
        #expect(try c.failure("search_vcons", ["start_date": "last week"]).contains("2026-01-31"))
        #expect(!(try c.failure("get_vcon", ["uuid": 7])).isEmpty)
        #expect(!(try c.failure("get_unique_tags", ["include_counts": "yes"])).isEmpty)
        #expect(!(try c.failure("server_status", ["verbose": true])).isEmpty)
        #expect(!(try c.failure("get_cache_stats", ["x": 1])).isEmpty)

        // An unknown tool is a protocol error, not a tool result.
        let unknown = try c.response("tools/call", ["name": "no_such_tool", "arguments": [:]])
        #expect(unknown["error"]?["code"] == -32602)
        #expect(try c.finish() == 0)
    }

    @Test func readOnlyHidesAndRefusesWriteTools() throws {
        let c = try client(extra: ["VCON_READ_ONLY": "1"])
        let names = try c.request("tools/list")["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(Set(names) == ["get_vcon", "search_vcons", "search_vcons_content", "get_tags", "search_by_tags",
                               "get_unique_tags", "get_cache_stats", "server_status"])
        let refused = try c.response("tools/call", ["name": "create_vcon", "arguments": ["subject": "x"]])
        #expect(refused["error"]?["code"] == -32602)
        #expect(try c.ok("server_status")["read_only"] == true)
        #expect(try c.finish() == 0)
    }

    @Test func listsDeclareSchemasAndPromptsWork() throws {
        let c = try client()
        let tools = try c.request("tools/list")["tools"]?.arrayValue ?? []
        #expect(tools.count == 17)
        for t in tools {
            #expect(t["outputSchema"]?["type"] == "object" && t["title"]?.stringValue != nil, "\(t["name"] ?? .null)")
            #expect(t["annotations"]?["openWorldHint"] == false)
        }
        let prompts = try c.request("prompts/list")["prompts"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(Set(prompts) == ["summarize_conversation", "find_conversations_with_party", "review_day"])
        let day = try c.request("prompts/get", ["name": "review_day", "arguments": ["date": "2026-03-04"]])
        #expect(day["messages"]?[0]?["content"]?["text"]?.stringValue?.contains("search_vcons") == true)
        let templates = try c.request("resources/templates/list")["resourceTemplates"]?.arrayValue ?? []
        #expect(templates.count == 6)
        let uuid = UUID().uuidString.lowercased()
        _ = try c.ok("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: "Listed")])
        let listed = try c.request("resources/list")["resources"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []
        #expect(listed.contains("vcon://v1/vcons/\(uuid)"))
        let whole = try c.request("resources/read", ["uri": .string("vcon://v1/vcons/\(uuid)")])
        #expect(whole["contents"]?[0]?["mimeType"] == "application/vcon+json")
        let notFound = try c.response("resources/read", ["uri": .string("vcon://v1/vcons/\(UUID().uuidString.lowercased())")])
        #expect(notFound["error"]?["code"] == -32002)
        #expect(try c.finish() == 0)
    }
}

/// Start-up configuration errors need no services.
@Suite struct StartupTests {
    @Test(arguments: [("VCON_REDIS_EXPIRY", "0"), ("VCON_REDIS_EXPIRY", "soon"), ("VCON_LOG_LEVEL", "chatty")])
    func badConfigurationExitsWithAClearMessage(name: String, value: String) throws {
        let server = try ServerProcess(binary: try TestEnvironment.binary(),
                                       environment: SanitizerOptions.adding(["HOME": "/tmp", "DATABASE_URL": "postgres://127.0.0.1:1/x", name: value]))
        #expect(try server.finish() == 2)
        #expect(server.stderrText.contains(name))
        #expect(server.lines.isEmpty, "nothing on stdout: it belongs to the protocol")
    }

    @Test func unreachableDatabaseAtStartServesRetryableErrors() throws {
        // Nothing listens on port 1: the server starts anyway, says why in server_status, and
        // every store call is a retryable tool error instead of a dead server.
        let c = try MCPTestClient(binary: try TestEnvironment.binary(),
                                  environment: SanitizerOptions.adding(["HOME": "/tmp", "DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/db"]))
        try c.initialize()
        let status = try c.ok("server_status")
        #expect(status["postgres"]?["state"] == "down")
        #expect(status["redis"]?["state"] == "disabled")
        let message = try c.failure("get_vcon", ["uuid": "01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2"])
        #expect(message.contains("unavailable") && message.contains("Retry"))
        #expect(try c.failure("search_vcons").contains("unavailable"))
        #expect(!c.server.stderrText.contains("secret"), "the password never reaches the log")
        #expect(try c.finish() == 0)
    }
}
