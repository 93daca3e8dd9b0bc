import Foundation
import JSONCore
import Testing

/// Hostile tool arguments through the binary: values of the wrong type for every argument of
/// every tool, strings that look like SQL or Redis commands, and a 100 MB line.
@Suite(.enabled(if: TestEnvironment.servicesConfigured), .serialized)
struct HostileArgumentTests {
    static let sql = "'; DROP TABLE vcons; --"
    static let redis = "\r\nFLUSHALL\r\n"

    /// A value of a kind the schema does not allow.
    static func wrongValue(for schema: JSON) -> JSON {
        let types: [String]
        switch schema["type"] {
        case let .string(t)?: types = [t]
        case let .array(ts)?: types = ts.compactMap(\.stringValue)
        default: types = []
        }
        if !types.contains("object") { return ["x": ["y": 1]] }
        if !types.contains("array") { return [1, "two", nil] }
        return .bool(true)
    }

    /// A plausible value for a required argument, so that the wrong-typed one is what fails.
    static func filler(_ name: String, schema: JSON, uuid: String) -> JSON {
        switch name {
        case "uuid", "vcon_uuid": return .string(uuid)
        case "vcon": return ToolSuite.sampleVCon(UUID().uuidString.lowercased(), subject: "should never be stored")
        case "updates": return ["subject": "should never be stored"]
        case "party": return ["name": "Never Stored"]
        case "dialog": return ["type": "text", "start": "2026-03-04T09:00:00Z", "parties": [0], "body": "x", "encoding": "none", "mediatype": "text/plain"]
        case "analysis": return ["type": "summary", "vendor": "t", "body": "x", "encoding": "none", "mediatype": "text/plain"]
        case "attachment": return ["purpose": "note", "body": "x", "encoding": "none", "mediatype": "text/plain"]
        case "action": return schema["enum"]?[0] ?? "set"
        case "tags": return ["department": "billing"]
        default:
            if let first = schema["enum"]?[0] { return first }
            switch schema["type"]?.stringValue {
            case "integer", "number": return 1
            case "boolean": return true
            case "object": return [:]
            case "array": return []
            default: return "x"
            }
        }
    }

    static func listTools(_ c: MCPTestClient) throws -> [JSON] {
        var tools: [JSON] = []
        var cursor: JSON? = nil
        for _ in 0..<20 {
            let page = try c.request("tools/list", cursor.map { ["cursor": $0] } ?? [:])
            tools += page["tools"]?.arrayValue ?? []
            guard let next = page["nextCursor"], !next.isNull else { break }
            cursor = next
        }
        return tools
    }

    @Test func wrongTypeForEveryArgumentOfEveryTool() throws {
        let h = try HostileSession()
        try h.seed()
        let before = try h.digest()
        let tools = try Self.listTools(h.client)
        #expect(tools.count >= 15, "the server lists its tools")
        var checked = 0
        for tool in tools {
            let name = try #require(tool["name"]?.stringValue)
            let schema = try #require(tool["inputSchema"], "\(name) has an inputSchema")
            let properties = schema["properties"]?.objectValue ?? [:]
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for (property, propertySchema) in properties {
                var arguments = JSONObject()
                for key in required where key != property {
                    arguments[key] = Self.filler(key, schema: properties[key] ?? [:], uuid: h.seeded[0])
                }
                let wrong = Self.wrongValue(for: propertySchema)
                arguments[property] = wrong
                let r = try h.client.response("tools/call", ["name": .string(name), "arguments": .object(arguments)])
                let rejected = r["error"]?["code"] == -32602 || r["result"]?["isError"] == true
                #expect(rejected, "\(name).\(property) = \(wrong.encodedString()) was accepted: \(r.encodedString().prefix(300))")
                let message = r["error"]?["message"]?.stringValue ?? MCPTestClient.text(r["result"] ?? [:])
                #expect(message.contains(property), "\(name).\(property): the error names the argument: \(message.prefix(300))")
                checked += 1
            }
            // Arguments that are not an object at all (null counts as absent, as MCP allows).
            for bad: JSON in ["text", 42, [1, 2], false] {
                let r = try h.client.response("tools/call", ["name": .string(name), "arguments": bad])
                #expect(r["error"]?["code"] == -32602 || r["result"]?["isError"] == true, "\(name) with arguments \(bad.encodedString())")
            }
        }
        #expect(checked >= 30, "every property of every tool was tried (\(checked))")
        try h.expectAlive()
        #expect(try h.digest() == before)
        #expect(try h.client.finish() == 0)
    }

    @Test func stringsThatLookLikeSQLOrRedisCommands() throws {
        let h = try HostileSession()
        try h.seed()
        let sentinel = "\(h.setup.prefix)hostile-sentinel"
        let redisURL = try #require(h.setup.redis)
        _ = try RedisProbe.run(redisURL, ["SET", sentinel, "still here"])
        let before = try h.digest()
        for evil in [Self.sql, Self.redis, "\\'; DELETE FROM vcons; --", "*1\r\n$8\r\nFLUSHALL\r\n", "%' OR '1'='1", "$(rm -rf /)"] {
            #expect(try h.client.call("get_vcon", ["uuid": .string(evil)])["isError"] == true)
            #expect(try h.client.call("delete_vcon", ["uuid": .string(evil)])["isError"] == true)
            #expect(try h.client.call("get_tags", ["vcon_uuid": .string(evil)])["isError"] == true)
            let byName = try h.client.call("search_vcons", ["party_name": .string(evil), "subject": .string(evil)])
            #expect(byName["isError"] == true || byName["structuredContent"]?["results"] == [], "\(byName)")
            let content = try h.client.call("search_vcons_content", ["query": .string(evil)])
            #expect(content["isError"] == true || content["structuredContent"]?["results"] == [], "\(content)")
            let tags = try h.client.call("search_by_tags", ["tags": .object([evil: .string(evil)])])
            #expect(tags["isError"] == true || tags["structuredContent"]?["results"] == [], "\(tags)")
            let read = try h.client.response("resources/read", ["uri": .string("vcon://v1/vcons/\(evil)")])
            #expect(read["error"] != nil)
        }
        try h.expectAlive()
        #expect(try h.digest() == before, "read paths changed nothing")
        #expect(try RedisProbe.run(redisURL, ["GET", sentinel]) == "still here", "Redis was not flushed")

        // Written as data, they are stored and served back verbatim, and the table survives.
        let uuid = UUID().uuidString.lowercased()
        _ = try h.client.ok("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: Self.sql + Self.redis)])
        _ = try h.client.ok("manage_tag", ["vcon_uuid": .string(uuid), "action": "set", "key": .string(Self.redis), "value": .string(Self.sql)])
        #expect(try h.client.ok("get_vcon", ["uuid": .string(uuid)])["vcon"]?["subject"] == .string(Self.sql + Self.redis))
        #expect(try h.client.ok("get_tags", ["vcon_uuid": .string(uuid), "key": .string(Self.redis)])["value"] == .string(Self.sql))
        let found = try h.client.ok("search_by_tags", ["tags": .object([Self.redis: .string(Self.sql)])])
        #expect(found["results"]?.arrayValue?.compactMap { $0["uuid"]?.stringValue } == [uuid])
        #expect(try PSQL.query(h.setup.database, "SELECT count(*) FROM \(h.setup.schema).vcons") == "\(h.seeded.count + 1)")
        #expect(try RedisProbe.run(redisURL, ["GET", sentinel]) == "still here")
        #expect(try h.client.finish() == 0)
    }

    @Test func badVConsAreRefused() throws {
        let h = try HostileSession()
        try h.seed()
        let before = try h.digest()
        func sample(_ change: (inout JSONObject) -> Void) -> JSON {
            var o = ToolSuite.sampleVCon(UUID().uuidString.lowercased(), subject: "bad").objectValue!
            change(&o)
            return .object(o)
        }
        let deep = (0..<64).reduce(JSON.int(1)) { inner, _ in ["x": inner] }
        let bad: [(String, JSON)] = [
            ("uuid not a string", sample { $0["uuid"] = 5 }),
            ("uuid not a uuid", sample { $0["uuid"] = .string(Self.sql) }),
            ("created_at not a date", sample { $0["created_at"] = "yesterday" }),
            ("parties not an array", sample { $0["parties"] = "alice" }),
            ("dialog party out of range", sample { $0["dialog"] = [["type": "text", "start": "2026-03-04T09:00:00Z", "parties": [99], "body": "x", "encoding": "none", "mediatype": "text/plain"]] }),
            ("negative duration", sample { $0["dialog"] = [["type": "recording", "start": "2026-03-04T09:00:00Z", "parties": [0], "duration": -5, "url": "https://example.com/a.wav", "mediatype": "audio/x-wav"]] }),
            ("bad base64url body", sample { $0["attachments"] = [["purpose": "note", "party": 0, "body": "!!!", "encoding": "base64url", "mediatype": "text/plain"]] }),
            ("64-level nesting as a party", sample { $0["parties"] = [deep] }),
            ("signed form with garbage", ["payload": 5, "signatures": "none"]),
            ("encrypted form with garbage", ["unprotected": "x", "ciphertext": 5, "recipients": []]),
            ("an array, not a vCon", [1, 2, 3]),
            ("a different vCon under a stored uuid", ToolSuite.sampleVCon(h.seeded[0], subject: "replacement")),
        ]
        for (label, vcon) in bad {
            let r = try h.client.call("create_vcon", ["vcon": vcon])
            #expect(r["isError"] == true, "\(label) was accepted: \(MCPTestClient.text(r).prefix(300))")
            #expect(!MCPTestClient.text(r).isEmpty, "\(label): the error says something")
        }
        try h.expectAlive()
        #expect(try h.digest() == before)

        // A NUL inside a string is valid JSON: stored and served back verbatim.
        let nulSubject = sample { $0["subject"] = "Sub\u{0}ject" }
        let stored = try h.client.ok("create_vcon", ["vcon": nulSubject])
        #expect(try h.client.ok("get_vcon", ["uuid": stored["uuid"] ?? nil])["vcon"] == nulSubject)
        // A NUL in a party name: the document keeps it; the search columns (PostgreSQL text, which
        // cannot hold U+0000) drop it, so the party is still found by name.
        let nulParty = sample { $0["parties"] = [["name": "Eve\u{0}Mallory"], ["name": "Bob"]] }
        let r = try h.client.ok("create_vcon", ["vcon": nulParty])
        #expect(try h.client.ok("get_vcon", ["uuid": r["uuid"] ?? nil])["vcon"] == nulParty)
        let found = try h.client.ok("search_vcons", ["party_name": "EveMallory", "response_format": "ids_only"])
        #expect("\(found)".contains(r["uuid"]?.stringValue ?? "?"), "\(found)")
        try h.expectAlive()
        #expect(try h.client.finish() == 0)
    }

    @Test func hundredMegabyteLineIsRefused() async throws {
        let h = try HostileSession()
        try h.seed()
        let before = try h.digest()
        let linesBefore = h.server.lines.count
        let input = try #require(h.server.process.standardInput as? Pipe).fileHandleForWriting
        // Streamed in 1 MiB chunks from a task: the server reads and drops it while we write.
        let writer = Task.detached {
            let head = Array(#"{"jsonrpc":"2.0","id":424242,"method":"tools/call","params":{"name":"create_vcon","arguments":{"vcon":{"subject":""#.utf8)
            input.write(Data(head))
            let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
            for _ in 0..<100 { input.write(chunk) }
            input.write(Data(#""}}}}"#.utf8 + [0x0A]))
        }
        await writer.value
        try h.expectAlive()
        let errors = h.newErrorLines(since: linesBefore)
        #expect(errors.count == 1, "one error for the oversized line: \(errors.map { $0.encodedString() })")
        let message = errors.first?["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("longer than") && message.contains("dropped"), "the error says why: \(message)")
        #expect(try h.digest() == before)
        #expect(try h.client.finish() == 0)
    }
}
