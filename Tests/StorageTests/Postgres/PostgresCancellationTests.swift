import Foundation
import Testing
import VConModel
@testable import Storage

@Suite("Postgres store: cancellation and timeouts", .enabled(if: PGTestEnvironment.enabled))
struct PostgresCancellationTests {
    @Test func cancellingTheTaskCancelsTheQueryOnTheServer() async throws {
        try await withTestStore(poolSize: 2) { store in
            let marker = "cancel_\(UInt32.random(in: 0...UInt32.max))"
            let sql = "SELECT pg_sleep(30) /* \(marker) */"
            let task = Task {
                try await store.pool.run("test.sleep") { c in try c.query(sql, operation: "test.sleep") }
            }
            let activity = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()"
            let running = await eventually(within: 10) {
                (try? await sqlRows(store, activity, [.text(marker)]).int(0, 0)) == 1
            }
            #expect(running)
            // Timed from the cancel: under load, getting the query running may itself take seconds.
            let cancelledAt = ContinuousClock.now
            task.cancel()
            let result = await task.result
            let elapsed = ContinuousClock.now - cancelledAt
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
