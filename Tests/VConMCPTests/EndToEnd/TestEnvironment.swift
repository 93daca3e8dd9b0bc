import Foundation
import Testing

/// Where the end-to-end tests find the binary, the services and the sample data. Values come from
/// the test process's environment (set by scripts/services.sh env); children get theirs explicitly.
enum TestEnvironment {
    static let env = ProcessInfo.processInfo.environment
    static var isCI: Bool { env["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false }
    static var databaseURL: String? { env["VCON_DATABASE_URL"] ?? env["DATABASE_URL"] }
    static var redisURL: String? { env["REDIS_URL"] }
    /// Run the service-backed tests when the services are configured, and in CI always (where
    /// their absence is then a failure, recorded by `requireServices`).
    static var servicesConfigured: Bool { (databaseURL != nil && redisURL != nil) || isCI }

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `vcon-mcp`: $VCON_MCP_BINARY, else next to the running test bundle.
    static func binary() throws -> String {
        if let path = env["VCON_MCP_BINARY"] { return path }
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        // Inside an .xctest bundle (macOS layout) the binary sits beside the bundle.
        candidates += candidates.map { $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        for dir in candidates {
            let path = dir.appendingPathComponent("vcon-mcp").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TestSetupError("vcon-mcp binary not found next to the test bundle (\(candidates.map(\.path))); build it or set VCON_MCP_BINARY")
    }

    /// The services' URLs; records a failure when missing (the test runs only in CI then).
    static func requireServices() throws -> (database: String, redis: String) {
        guard let db = databaseURL, let redis = redisURL else {
            Issue.record("CI is set but DATABASE_URL/REDIS_URL are not: run scripts/services.sh start and eval \"$(scripts/services.sh env)\"")
            throw TestSetupError("services missing")
        }
        return (db, redis)
    }

    /// A child environment with its own schema and key prefix, so tests never see each other's data.
    static func isolatedServerEnvironment(database: String, redis: String?, extra: [String: String] = [:]) -> IsolatedServer {
        let tag = UUID().uuidString.prefix(8).lowercased()
        let schema = "e2e_\(tag)", prefix = "e2e-\(tag):"
        var child: [String: String] = ["PATH": env["PATH"] ?? "/usr/bin:/bin", "HOME": env["HOME"] ?? "/tmp",
                                       "DATABASE_URL": database, "VCON_PG_SCHEMA": schema, "VCON_REDIS_PREFIX": prefix,
                                       "VCON_LOG_LEVEL": "warning"]
        if let redis { child["REDIS_URL"] = redis }
        // A server built with a sanitizer reads its options from these (scripts/sanitize.sh sets them).
        for (k, v) in SanitizerOptions.forwarded { child[k] = v }
        for (k, v) in extra { child[k] = v }
        return IsolatedServer(env: child, schema: schema, prefix: prefix, database: database, redis: redis)
    }

    /// The Python with mcp==2.3.0: $VCON_TEST_PYTHON, else the package's .venv-test (scripts/test.sh makes it).
    static func python() -> String? {
        if let p = env["VCON_TEST_PYTHON"] { return p }
        let venv = packageRoot.appendingPathComponent(".venv-test/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    static var samplesDirectory: URL {
        env["VCON_SAMPLES_DIR"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vcon-samples")
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One test's slice of the services; `cleanUp` drops its schema and keys (best effort).
struct IsolatedServer {
    let env: [String: String]
    let schema: String
    let prefix: String
    let database: String
    let redis: String?

    func cleanUp() {
        run("psql", [database, "-q", "-c", "DROP SCHEMA IF EXISTS \(schema) CASCADE"])
        if let redis, redis.hasPrefix("redis://127.0.0.1:1/") == false,
           let keys = try? RedisProbe.run(redis, ["--scan", "--pattern", "\(prefix)*"]), !keys.isEmpty {
            run("redis-cli", ["-u", redis, "--no-auth-warning", "DEL"] + keys.split(separator: "\n").map(String.init))
        }
    }

    private func run(_ tool: String, _ arguments: [String]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return }
        p.waitUntilExit()
    }
}
