import Foundation
import JSONCore
import Testing

/// A live `vcon-mcp` on its own schema and key prefix, seeded with a few vCons, with a digest of
/// its rows to prove that hostile input changed nothing.
final class HostileSession {
    let client: MCPTestClient
    let setup: IsolatedServer
    private(set) var seeded: [String] = []
    private var nextRawID = 1_000_000

    init(extra: [String: String] = [:]) throws {
        let services = try TestEnvironment.requireServices()
        setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis, extra: SanitizerOptions.adding(extra))
        client = try MCPTestClient(binary: try TestEnvironment.binary(), environment: setup.env)
        client.isolation = setup
        try client.initialize()
    }

    var server: ServerProcess { client.server }

    /// Stores `count` valid vCons so that the digest covers real rows.
    func seed(_ count: Int = 3) throws {
        for i in 0..<count {
            let uuid = UUID().uuidString.lowercased()
            _ = try client.ok("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: "Seed \(i)")])
            seeded.append(uuid)
        }
    }

    /// md5 over every row of every table of the schema (vcons, parties, tags), via psql.
    func digest() throws -> String {
        let s = setup.schema
        let sql = """
        SELECT coalesce(md5(string_agg(uuid::text || ':' || version || ':' || document::text, ',' ORDER BY uuid)), 'empty') FROM \(s).vcons
        UNION ALL SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), 'empty') FROM \(s).parties t
        UNION ALL SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), 'empty') FROM \(s).tags t
        """
        return try PSQL.query(setup.database, sql)
    }

    /// Answers a ping: the process is up and still serving.
    func expectAlive(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try client.response("ping")
        #expect(r["result"] == [:], "ping after hostile input: \(r.encodedString())", sourceLocation: sourceLocation)
        #expect(server.process.isRunning, sourceLocation: sourceLocation)
    }

    /// Sends one raw line that carries no readable id, and returns the error the server wrote
    /// for it (a line with `"id": null`). A ping sent after it bounds the wait.
    func errorForUnaddressedLine(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> JSON? {
        let before = server.lines.count
        server.sendLine(bytes)
        try expectAlive(sourceLocation: sourceLocation)
        return newErrorLines(since: before).first
    }

    /// Error responses with a null id among the stdout lines written after `index`.
    func newErrorLines(since index: Int) -> [JSON] {
        server.lines.dropFirst(index).compactMap { try? JSON.parse($0) }.filter { $0["error"] != nil && ($0["id"]?.isNull ?? true) }
    }

    /// Sends a raw request line with a known id and returns the whole response.
    func rawRequest(_ line: (Int) -> [UInt8]) throws -> JSON {
        nextRawID += 1
        server.sendLine(line(nextRawID))
        return try server.response(id: .int(nextRawID))
    }
}

/// psql against the services' database (tests only).
enum PSQL {
    static func query(_ url: String, _ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw TestSetupError("psql failed: \(String(decoding: errors, as: UTF8.self).prefix(300))")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
