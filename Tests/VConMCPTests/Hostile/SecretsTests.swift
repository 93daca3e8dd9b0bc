import Foundation
import JSONCore
import Testing

/// The passwords in DATABASE_URL and REDIS_URL never show: not on stderr at any log level, not
/// in any tool result, not in errors (a wrong password and a malformed URL included).
@Suite(.enabled(if: TestEnvironment.servicesConfigured))
struct SecretsTests {
    static func password(in url: String) -> String? {
        URLComponents(string: url)?.password.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A session touching every tool that reports on the services, plus failures.
    static func script(uuid: String) -> [JSON] {
        var n = 0
        func request(_ method: String, _ params: JSON) -> JSON {
            n += 1
            return ["jsonrpc": "2.0", "id": .int(n), "method": .string(method), "params": params]
        }
        func call(_ tool: String, _ arguments: JSON) -> JSON { request("tools/call", ["name": .string(tool), "arguments": arguments]) }
        return [
            request("initialize", ["protocolVersion": "2025-11-25", "capabilities": [:], "clientInfo": ["name": "secrets", "version": "1"]]),
            ["jsonrpc": "2.0", "method": "notifications/initialized"],
            request("logging/setLevel", ["level": "debug"]),
            call("server_status", [:]),
            call("get_cache_stats", [:]),
            call("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: "Secrets")]),
            call("get_vcon", ["uuid": .string(uuid)]),
            call("get_vcon", ["uuid": .string(UUID().uuidString.lowercased())]),
            call("get_vcon", ["uuid": "not-a-uuid"]),
            call("search_vcons", ["party_name": "alice"]),
            call("search_vcons_content", ["query": "refund"]),
            call("update_vcon", ["uuid": .string(uuid), "updates": ["subject": 5]]),
            call("no_such_tool", [:]),
            request("no/such/method", [:]),
            call("delete_vcon", ["uuid": .string(uuid)]),
            call("server_status", [:]),
        ]
    }

    static func expectNoSecret(_ run: ScriptedRun, _ secrets: [String], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!run.stderr.contains(secret), "\(label): a password appears on stderr", sourceLocation: sourceLocation)
            #expect(!run.stdoutLines.contains { $0.contains(secret) }, "\(label): a password appears in a response", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["trace", "debug", "info", "notice", "warning", "error", "critical"])
    func passwordsNeverShow(level: String) throws {
        let services = try TestEnvironment.requireServices()
        let secrets = [Self.password(in: services.database), Self.password(in: services.redis)].compactMap { $0 }
        #expect(secrets.count == 2, "the services use passwords for PostgreSQL and Redis")
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: SanitizerOptions.adding(["VCON_LOG_LEVEL": level]))
        defer { setup.cleanUp() }
        let run = try ScriptedRun.run(binary: try TestEnvironment.binary(), environment: setup.env,
                                      lines: Self.script(uuid: UUID().uuidString.lowercased()))
        #expect(run.exitCode == 0)
        #expect(run.stdoutLines.count >= 15, "every request was answered")
        if level == "trace" { #expect(run.stderr.count > 200, "trace logging wrote something to check") }
        let status = run.stdoutLines.compactMap { try? JSON.parse($0) }.first { $0["result"]?["structuredContent"]?["postgres"] != nil }
        #expect(status?["result"]?["structuredContent"]?["postgres"]?["state"] == "up", "the session really reached the services")
        Self.expectNoSecret(run, secrets, "level \(level)")
    }

    /// Started with stderr closed (a careless launcher), the server must not let fd 2 be reused:
    /// log lines would land in whatever took the number (stdout's second open, a database socket).
    /// fd 2 is /dev/null then, and every stdout line is JSON-RPC.
    @Test func withStderrClosedNothingButFramesReachStdout() throws {
        let services = try TestEnvironment.requireServices()
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: SanitizerOptions.adding(["VCON_LOG_LEVEL": "trace"]))
        defer { setup.cleanUp() }
        let client = try MCPTestClient(binary: "/bin/sh", environment: setup.env,
                                       arguments: ["-c", #"exec "$0" 2>&-"#, try TestEnvironment.binary()])
        let server = client.server
        _ = try client.initialize()
        _ = try client.call("server_status")
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(server.process.processIdentifier)/fd/2")
        #expect(target == "/dev/null")
        #expect(try client.finish() == 0)
        #expect(server.lines.allSatisfy { (try? JSON.parse($0))?["jsonrpc"] == "2.0" })
    }

    @Test func withStderrClosedAScriptedSessionIsAnswered() throws {
        let services = try TestEnvironment.requireServices()
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: SanitizerOptions.adding(["VCON_LOG_LEVEL": "trace"]))
        defer { setup.cleanUp() }
        let run = try ScriptedRun.run(binary: "/bin/sh", arguments: ["-c", #"exec "$0" 2>&-"#, try TestEnvironment.binary()],
                                      environment: setup.env, lines: Self.script(uuid: UUID().uuidString.lowercased()))
        #expect(run.exitCode == 0)
        #expect(run.stdoutLines.count >= 15, "every request was answered")
        for line in run.stdoutLines {
            #expect((try? JSON.parse(line))?["jsonrpc"] == "2.0", "not a JSON-RPC frame on stdout: \(line.prefix(200))")
        }
        #expect(run.stderr.isEmpty, "stderr was closed")
    }

    @Test func wrongPasswordsAndMalformedURLsNeverShow() throws {
        let services = try TestEnvironment.requireServices()
        let wrongPG = "pg-wrong-secret-7a1c", wrongRedis = "redis-wrong-secret-93fd"
        func replacingPassword(_ url: String, with password: String) -> String {
            var c = URLComponents(string: url)!
            c.password = password
            return c.string!
        }
        let cases: [(String, String, String)] = [
            ("wrong passwords", replacingPassword(services.database, with: wrongPG), replacingPassword(services.redis, with: wrongRedis)),
            ("malformed ports", "postgresql://vcon:\(wrongPG)@127.0.0.1:notaport/vcon_test", "redis://default:\(wrongRedis)@127.0.0.1:99999999/0"),
            ("unknown schemes", "mysql://vcon:\(wrongPG)@127.0.0.1/x", "memcached://default:\(wrongRedis)@127.0.0.1/0"),
            ("percent-encoded", "postgresql://vcon:\(wrongPG)%40x@127.0.0.1:1/vcon_test", "redis://:\(wrongRedis)%2Fy@127.0.0.1:1/0"),
        ]
        for (label, database, redis) in cases {
            let setup = TestEnvironment.isolatedServerEnvironment(database: database, redis: redis, extra: SanitizerOptions.adding(["VCON_LOG_LEVEL": "trace"]))
            let run = try ScriptedRun.run(binary: try TestEnvironment.binary(), environment: setup.env,
                                          lines: Self.script(uuid: UUID().uuidString.lowercased()))
            #expect(!run.stderr.isEmpty || !run.stdoutLines.isEmpty, "\(label): the server said something")
            #expect(run.exitCode == 0 || run.exitCode == 2, "\(label): exit 0 (served) or 2 (configuration error), not \(run.exitCode)")
            Self.expectNoSecret(run, [wrongPG, wrongRedis], label)
        }
    }
}
