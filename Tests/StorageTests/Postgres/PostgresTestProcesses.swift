import Foundation
import TestSupport
import Testing
import VConModel
@testable import Storage

/// Runs the services script (`pg-stop`, `pg-start`, `pg-restart`) and waits for it.
func runServicesScript(_ command: String) throws {
    let script = try #require(PGTestEnvironment.servicesScript, "VCON_SERVICES_SCRIPT is not set")
    // Not Foundation's Process: the server that `pg-start` leaves running would keep it waiting.
    let status = try Subprocess.run("/bin/bash", [script, command])
    #expect(status == 0, "services.sh \(command)")
}

/// Polls `condition` until it holds or `seconds` (stretched by VCON_TEST_SLOW) pass (for an external
/// process, not as synchronisation between our own tasks).
func eventually(within seconds: Double, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(TestTiming.scaled(seconds: seconds) * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}
