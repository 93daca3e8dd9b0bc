import Foundation
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

/// Polls `condition` until it holds or `seconds` pass (for an external process, not as synchronisation
/// between our own tasks).
func eventually(within seconds: Double, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

@Suite("Postgres store: cancellation and timeouts", .enabled(if: PGTestEnvironment.enabled))
struct PostgresCancellationTests {
    @Test func cancellingTheTaskCancelsTheQueryOnTheServer() async throws {
        try await withTestStore(poolSize: 2) { store in
            let marker = "cancel_\(UInt32.random(in: 0...UInt32.max))"
            let sql = "SELECT pg_sleep(30) /* \(marker) */"
            let started = ContinuousClock.now
            let task = Task {
                try await store.pool.run("test.sleep") { c in try c.query(sql, operation: "test.sleep") }
            }
            let activity = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()"
            let running = await eventually(within: 10) {
                (try? await sqlRows(store, activity, [.text(marker)]).int(0, 0)) == 1
            }
            #expect(running)
            task.cancel()
            let result = await task.result
            let elapsed = ContinuousClock.now - started
            #expect((result.error as? StorageError)?.code == .cancelled)
            #expect(elapsed < .seconds(10), "cancelled long before pg_sleep(30) ends")
            let stillRunning = try await sqlRows(store, activity, [.text(marker)]).int(0, 0)
            #expect(stillRunning == 0)
            // Both connections still serve requests.
            async let a = sqlRows(store, "SELECT 1")
            async let b = sqlRows(store, "SELECT 2")
            let (one, two) = try await (a.int(0, 0), b.int(0, 0))
            #expect(one == 1 && two == 2)
        }
    }

    @Test func aTaskCancelledBeforeItRunsNeverStarts() async throws {
        try await withTestStore(poolSize: 1) { store in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await store.get(VConBuilder.newID())
            }
            let result = await task.result
            #expect((result.error as? StorageError)?.code == .cancelled)
        }
    }

    @Test func statementTimeoutIsATimeout() async throws {
        try await withTestStore(statementTimeoutMillis: 200) { store in
            let error = await #expect(throws: StorageError.self) {
                _ = try await sqlRows(store, "SELECT pg_sleep(5)")
            }
            #expect(error?.code == .timeout)
            #expect(error?.sqlState == "57014")
            #expect(error?.isRetryable == true)
            let one = try await sqlRows(store, "SELECT 1").int(0, 0)
            #expect(one == 1)
        }
    }
}

extension Result {
    var error: Failure? { if case let .failure(e) = self { return e } else { return nil } }
}

@Suite("Postgres store: server restarts", .serialized, .enabled(if: PGTestEnvironment.enabled && PGTestEnvironment.servicesScript != nil))
struct PostgresRestartTests {
    /// Opens a store on a fresh schema while holding the gate exclusively (no other Postgres test runs).
    func withExclusiveStore(_ body: (PostgresVConStore) async throws -> Void) async throws {
        let url = try #require(PGTestEnvironment.databaseURL, "DATABASE_URL is not set")
        try await PostgresOutageGate.shared.withExclusive {
            let schema = "vcon_test_rs_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let store = try await PostgresVConStore.open(configuration: testConfiguration(url: url, schema: schema, poolSize: 3),
                                                         logger: PGTestEnvironment.logger)
            do { try await body(store) } catch {
                try? runServicesScript("pg-start")
                await dropSchema(of: store)
                throw error
            }
            await dropSchema(of: store)
        }
    }

    @Test func duringAnOutageRequestsFailFastThenRecoverWithoutReopening() async throws {
        try await withExclusiveStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            _ = try await store.create(vcon, replace: false)

            try runServicesScript("pg-stop")
            for _ in 0..<5 {
                let started = ContinuousClock.now
                let error = await #expect(throws: StorageError.self) { try await store.get(uuid) }
                #expect(error?.isRetryable == true, "\(String(describing: error))")
                #expect(ContinuousClock.now - started < .seconds(2), "fails fast, not after a long timeout")
            }
            #expect(await store.status().state == .down)

            try runServicesScript("pg-start")
            let recovered = await eventually(within: 30) { (try? await store.get(uuid)) != nil }
            #expect(recovered)
            #expect(await store.reconnectCount() > 0)
            _ = try await store.setTag(uuid, key: "after", value: "restart")
            #expect(try await store.tags(of: uuid) == [VConTag(key: "after", value: "restart")])
        }
    }

    @Test func afterARestartIdleConnectionsAreReplacedTransparently() async throws {
        try await withExclusiveStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            _ = try await store.create(vcon, replace: false)
            try runServicesScript("pg-restart")
            // Every pooled session was killed while idle; each is replaced on its next use.
            for _ in 0..<6 {
                #expect(try await store.get(uuid) != nil)
            }
            #expect(await store.status().state == .up)
        }
    }
}
