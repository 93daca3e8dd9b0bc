import Foundation
import JSONCore
import Testing

/// A minimal JSON-RPC client for the end-to-end tests: legacy handshake, requests, tool calls.
final class MCPTestClient {
    let server: ServerProcess
    private var nextID = 1
    /// The schema and key prefix to remove once the client (and its server) are gone.
    var isolation: IsolatedServer?

    init(binary: String, environment: [String: String], arguments: [String] = []) throws {
        server = try ServerProcess(binary: binary, environment: environment, arguments: arguments)
    }

    /// `initialize` + `notifications/initialized` at `version`.
    @discardableResult
    func initialize(version: String = "2025-11-25") throws -> JSON {
        let result = try request("initialize", ["protocolVersion": .string(version), "capabilities": [:],
                                                "clientInfo": ["name": "e2e", "version": "1"]])
        server.send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        return result
    }

    /// The whole response (result or error) of one request.
    func response(_ method: String, _ params: JSON = [:]) throws -> JSON {
        let id = nextID
        nextID += 1
        server.send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return try server.response(id: .int(id))
    }

    func request(_ method: String, _ params: JSON = [:]) throws -> JSON {
        let r = try response(method, params)
        guard let result = r["result"] else { throw TestSetupError("\(method) failed: \(r["error"]?.encodedString() ?? "no result")") }
        return result
    }

    func call(_ tool: String, _ arguments: JSONObject = [:]) throws -> JSON {
        try request("tools/call", ["name": .string(tool), "arguments": .object(arguments)])
    }

    /// structuredContent of a successful call; records an issue when the call failed.
    func ok(_ tool: String, _ arguments: JSONObject = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> JSON {
        let result = try call(tool, arguments)
        #expect(result["isError"] != true, "\(tool) failed: \(Self.text(result))", sourceLocation: sourceLocation)
        let structured = try #require(result["structuredContent"], "\(tool): no structuredContent", sourceLocation: sourceLocation)
        // The text mirror carries the same JSON.
        #expect(try JSON.parse(Self.text(result)) == structured, "\(tool): text mirror differs", sourceLocation: sourceLocation)
        return structured
    }

    /// The message of a call that must fail with isError.
    func failure(_ tool: String, _ arguments: JSONObject = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try call(tool, arguments)
        #expect(result["isError"] == true, "\(tool) should have failed: \(Self.text(result))", sourceLocation: sourceLocation)
        return Self.text(result)
    }

    static func text(_ result: JSON) -> String {
        (result["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
    }

    func finish() throws -> Int32 { try server.finish() }

    deinit {
        if server.process.isRunning { server.process.terminate() }
        isolation?.cleanUp()
    }
}
