import Foundation
import Testing

/// The official Python MCP client (mcp==2.3.0) against the built binary, in both eras: every
/// tool called, every structuredContent validated by the client against its outputSchema.
@Suite(.enabled(if: TestEnvironment.servicesConfigured && (TestEnvironment.python() != nil || TestEnvironment.isCI)), .serialized)
struct PythonClientTests {
    @Test(arguments: ["auto", "legacy", "2026-07-28"])
    func officialClientAcceptsEveryTool(mode: String) throws {
        let services = try TestEnvironment.requireServices()
        let python = try #require(TestEnvironment.python(), "no Python with mcp==2.3.0: set VCON_TEST_PYTHON or create .venv-test")
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/VConMCPTests/python/client_check.py").path
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis)
        defer { setup.cleanUp() }
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
        #expect(!output.contains("No module named"), "the Python at \(python) lacks mcp==2.3.0 (pip install mcp==2.3.0)")
        #expect(process.terminationStatus == 0, "client_check.py \(mode) failed:\n\(output.suffix(3000))")
        #expect(output.contains("DONE mode=\(mode) failures=0"))
        #expect(!output.contains("FAIL"))
    }
}
