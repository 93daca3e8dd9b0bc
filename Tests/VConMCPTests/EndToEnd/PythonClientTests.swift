import Foundation
import Testing

/// The official Python MCP client (mcp==2.3.0) against the built binary, in both eras: every
/// tool called, every structuredContent validated by the client against its outputSchema.
@Suite(.enabled(if: TestEnvironment.servicesConfigured), .serialized)
struct PythonClientTests {
    /// $VCON_TEST_PYTHON, else the package's .venv-test, else the machine's /work/venv-mcp.
    static func python() -> String? {
        if let p = TestEnvironment.env["VCON_TEST_PYTHON"] { return p }
        let candidates = [TestEnvironment.packageRoot.appendingPathComponent(".venv-test/bin/python").path, "/work/venv-mcp/bin/python"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(arguments: ["auto", "legacy", "2026-07-28"])
    func officialClientAcceptsEveryTool(mode: String) throws {
        let services = try TestEnvironment.requireServices()
        guard let python = Self.python() else {
            if TestEnvironment.isCI { Issue.record("no Python with mcp==2.3.0: set VCON_TEST_PYTHON or create .venv-test") }
            return
        }
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/VConMCPTests/python/client_check.py").path
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, mode, try TestEnvironment.binary()]
        process.environment = setup.env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if output.contains("No module named") {
            // Python without the SDK: a failure in CI, else nothing to check here.
            if TestEnvironment.isCI { Issue.record("the Python at \(python) lacks mcp==2.3.0: \(output.suffix(300))") }
            return
        }
        #expect(process.terminationStatus == 0, "client_check.py \(mode) failed:\n\(output.suffix(3000))")
        #expect(output.contains("DONE mode=\(mode) failures=0"))
        #expect(!output.contains("FAIL"))
    }
}
