import Foundation
import Testing
import VConModel
@testable import Storage

/// Stops and restarts the shared PostgreSQL: holds the outage gate exclusively, and its name has "Fault"
/// so a general run can `--skip Fault` and run these on their own (`--filter Fault`).
@Suite("Postgres store: server restarts (fault)", .serialized, .enabled(if: PGTestEnvironment.enabled && PGTestEnvironment.servicesScript != nil))
struct PostgresFaultTests {
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
