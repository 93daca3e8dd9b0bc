import Foundation
import JSONCore
import Testing

/// Large responses under pipelining: every frame whole, every stdout line valid JSON-RPC.
@Suite(.enabled(if: TestEnvironment.servicesConfigured))
struct PipeliningThroughBinaryTests {
    @Test func thirtyTwoPipelinedOneMiBResponsesArriveIntact() throws {
        let services = try TestEnvironment.requireServices()
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: ["VCON_MAX_RESPONSE_BYTES": String(8 << 20)])
        defer { setup.cleanUp() }
        let c = try MCPTestClient(binary: try TestEnvironment.binary(), environment: setup.env)
        try c.initialize()

        // Four 1 MiB vCons (quotes and backslashes in the body exercise the mirror's escaping).
        var bodies: [String: String] = [:]
        for i in 0..<4 {
            let uuid = UUID().uuidString.lowercased()
            let unit = "line \(i) with \"quotes\" and \\ backslash\n"
            let body = String(repeating: unit, count: (1 << 20) / unit.utf8.count)
            guard case var .object(doc) = ToolSuite.sampleVCon(uuid, subject: "Big \(i)") else { return }
            doc["dialog"] = [["type": "text", "start": "2026-03-04T09:00:00Z", "parties": [0, 1], "originator": 0,
                              "mediatype": "text/plain", "body": .string(body), "encoding": "none"]]
            _ = try c.ok("create_vcon", ["vcon": .object(doc)])
            bodies[uuid] = body
        }
        let uuids = Array(bodies.keys)

        // 32 requests written before any answer is read.
        let linesBefore = c.server.lines.count
        for i in 0..<32 {
            c.server.send(["jsonrpc": "2.0", "id": .string("big-\(i)"), "method": "tools/call",
                           "params": ["name": "get_vcon", "arguments": ["uuid": .string(uuids[i % 4])]]])
        }
        for i in 0..<32 {
            let response = try c.server.response(id: .string("big-\(i)"), timeout: 60)
            let result = try #require(response["result"])
            #expect(result["isError"] != true)
            let dialogBody = result["structuredContent"]?["vcon"]?["dialog"]?[0]?["body"]?.stringValue
            #expect(dialogBody == bodies[uuids[i % 4]], "response big-\(i) intact")
            #expect(try JSON.parse(MCPTestClient.text(result))["vcon"]?["dialog"]?[0]?["body"]?.stringValue == dialogBody)
        }
        let lines = c.server.lines.dropFirst(linesBefore)
        #expect(lines.count >= 32)
        for line in lines {
            let message = try? JSON.parse(line)
            #expect(message?["jsonrpc"] == "2.0", "every stdout line is one JSON-RPC message")
        }
        #expect(try c.finish() == 0)
    }

    @Test func oversizedResultsAreRefusedWithAdvice() throws {
        let services = try TestEnvironment.requireServices()
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: ["VCON_MAX_RESPONSE_BYTES": "65536"])
        defer { setup.cleanUp() }
        let c = try MCPTestClient(binary: try TestEnvironment.binary(), environment: setup.env)
        try c.initialize()
        let uuid = UUID().uuidString.lowercased()
        guard case var .object(doc) = ToolSuite.sampleVCon(uuid, subject: "Too big") else { return }
        doc["dialog"] = [["type": "text", "start": "2026-03-04T09:00:00Z", "parties": [0], "mediatype": "text/plain",
                          "body": .string(String(repeating: "x", count: 100_000)), "encoding": "none"]]
        _ = try c.ok("create_vcon", ["vcon": .object(doc)])
        let message = try c.failure("get_vcon", ["uuid": .string(uuid)])
        #expect(message.contains("VCON_MAX_RESPONSE_BYTES") && message.contains("summary"))
        #expect(try c.ok("get_vcon", ["uuid": .string(uuid), "response_format": "summary"])["summary"]?["dialog_count"] == 1)
        #expect(try c.failure("search_vcons", ["response_format": "full"]).contains("limit"))
        #expect(try c.finish() == 0)
    }
}
