import Foundation
import Synchronization
import Testing
import VConModel
@testable import Storage

/// Parts that need no server: executor, pool fairness, error mapping, cursors, uuid ranges.
@Suite("Postgres layer units")
struct PostgresUnitTests {
    actor Probe {
        nonisolated let executor = ThreadExecutor(name: "vcon-test-exec")
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        var order: [Int] = []
        func onOwnThread() -> Bool { executor.isCurrentThread }
        func record(_ i: Int) { order.append(i) }
        func setThreadLocal(_ key: pthread_key_t) { _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1)) }
        deinit { executor.shutdown() }
    }

    /// `shutdown` returns once the thread has ended, its thread-local destructors included (libpq's
    /// OpenSSL frees per-thread state in one: a thread still ending at `exit` double-freed it).
    @Test func shutdownWaitsForTheThreadsEnd() async {
        var key = pthread_key_t()
        #expect(pthread_key_create(&key) { _ in threadLocalDestructorRuns.add(1, ordering: .sequentiallyConsistent) } == 0)
        defer { pthread_key_delete(key) }
        let before = threadLocalDestructorRuns.load(ordering: .sequentiallyConsistent)
        let probe = Probe()
        await probe.setThreadLocal(key)
        probe.executor.shutdown()
        #expect(threadLocalDestructorRuns.load(ordering: .sequentiallyConsistent) == before + 1,
                "the executor's thread had not ended when shutdown returned")
    }

    @Test func actorJobsRunOnTheDedicatedThread() async {
        let probe = Probe()
        #expect(await probe.onOwnThread())
        #expect(!probe.executor.isCurrentThread)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<200 { group.addTask { await probe.record(i) } }
        }
        #expect(await probe.order.sorted() == Array(0..<200))
    }

    func unconnectedPool(size: Int) -> PostgresPool {
        PostgresPool(settings: PostgresConnectionSettings(conninfo: "host=/nonexistent", connectTimeoutSeconds: 1,
                                                          statementTimeoutMillis: 1000),
                     size: size, logger: PGTestEnvironment.logger)
    }

    @Test func poolServesWaitersFirstComeFirstServed() async throws {
        let pool = unconnectedPool(size: 1)
        let held = try await pool.acquire(operation: "test")
        let served = ServedOrder()
        var tasks: [Task<Void, any Error>] = []
        for i in 0..<4 {
            tasks.append(Task {
                let c = try await pool.acquire(operation: "test")
                await served.append(i)
                await pool.release(c)
            })
            // Each waiter must be queued before the next one arrives.
            while await pool.waiterCount < i + 1 { await Task.yield() }
        }
        await pool.release(held)
        for task in tasks { try await task.value }
        #expect(await served.items == [0, 1, 2, 3])
    }

    @Test func cancellingAWaiterRemovesItFromTheQueue() async throws {
        let pool = unconnectedPool(size: 1)
        let held = try await pool.acquire(operation: "test")
        let waiter = Task { try await pool.acquire(operation: "test") }
        while await pool.waiterCount < 1 { await Task.yield() }
        waiter.cancel()
        let result = await waiter.result
        #expect((result.error as? StorageError)?.code == .cancelled)
        #expect(await pool.waiterCount == 0)
        await pool.release(held)
        let again = try await pool.acquire(operation: "test")
        await pool.release(again)
    }

    @Test func sqlStatesMapToStorageErrors() {
        #expect(PGErrorMapping.classify("23505", cancelRequested: false).0 == .conflict)
        #expect(PGErrorMapping.classify("57014", cancelRequested: true).0 == .cancelled)
        #expect(PGErrorMapping.classify("57014", cancelRequested: false).0 == .timeout)
        #expect(PGErrorMapping.classify("57P01", cancelRequested: false).0 == .unavailable)
        #expect(PGErrorMapping.classify("08006", cancelRequested: false).0 == .unavailable)
        #expect(PGErrorMapping.classify("22007", cancelRequested: false).0 == .invalid)
        #expect(PGErrorMapping.classify("XX000", cancelRequested: false).0 == .internal)
        let lost = PGErrorMapping.error(sqlState: nil, operation: "op", cancelRequested: false, connectionLost: true)
        #expect(lost.code == .unavailable && lost.isRetryable)
        let auth = PGErrorMapping.connectFailure("connection to server at \"10.0.0.1\" failed: FATAL:  password authentication failed for user \"alice\"", operation: "op")
        #expect(auth.code == .configuration)
        #expect(!auth.description.contains("alice") && !auth.description.contains("10.0.0.1"))
    }

    @Test func cursorsRoundTripAndRejectTampering() throws {
        let cursor = SearchCursor(kind: .search, key: "2025-01-02 03:04:05.123456+00",
                                  uuid: "01a202c1-d196-80de-af40-aadadd6d5c05", query: "abc")
        let decoded = try SearchCursor.decode(cursor.encoded, kind: .search, query: "abc", operation: "t")
        #expect(decoded == cursor)
        #expect(throws: StorageError.self) { try SearchCursor.decode(cursor.encoded, kind: .content, query: "abc", operation: "t") }
        #expect(throws: StorageError.self) { try SearchCursor.decode(cursor.encoded, kind: .search, query: "abd", operation: "t") }
        let injected = SearchCursor(kind: .search, key: "1'; DROP TABLE x; --", uuid: "01a202c1-d196-80de-af40-aadadd6d5c05", query: "abc")
        #expect(throws: StorageError.self) { try SearchCursor.decode(injected.encoded, kind: .search, query: "abc", operation: "t") }
    }

    @Test func uuidPrefixRanges() {
        #expect(UUIDPrefix.range("")! == ("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"))
        #expect(UUIDPrefix.range("01a2")! == ("01a20000-0000-0000-0000-000000000000", "01a2ffff-ffff-ffff-ffff-ffffffffffff"))
        #expect(UUIDPrefix.range("01a202c1-d")! == ("01a202c1-d000-0000-0000-000000000000", "01a202c1-dfff-ffff-ffff-ffffffffffff"))
        #expect(UUIDPrefix.range("01a202c1d") == nil)
        #expect(UUIDPrefix.range("xyz") == nil)
        #expect(UUIDPrefix.range(String(repeating: "0", count: 40)) == nil)
    }

    @Test func reconnectGateFailsFastThenLetsOneProbe() {
        let gate = ReconnectGate()
        let t0 = ContinuousClock.now
        #expect(gate.mayAttempt(now: t0) && gate.mayAttempt(now: t0))   // no outage: everyone connects
        gate.failed(now: t0)
        #expect(!gate.mayAttempt(now: t0 + .milliseconds(10)))            // within the backoff: fail fast
        #expect(gate.mayAttempt(now: t0 + .milliseconds(60)))             // one probe after it…
        #expect(!gate.mayAttempt(now: t0 + .milliseconds(61)))            // …while the others fail fast
        gate.failed(now: t0 + .milliseconds(70))                          // backoff doubles
        #expect(!gate.mayAttempt(now: t0 + .milliseconds(150)))
        #expect(gate.mayAttempt(now: t0 + .milliseconds(171)))
        gate.succeeded()
        #expect(!gate.inOutage && gate.mayAttempt())
    }

    @Test func schemaNamesAreValidated() throws {
        #expect(try SchemaName("vcon").quoted == "\"vcon\"")
        #expect(try SchemaName("_v2").name == "_v2")
        for bad in ["", "V", "9a", "a b", "a\"b", "é"] {
            #expect(throws: StorageError.self) { try SchemaName(bad) }
        }
    }
}

actor ServedOrder {
    var items: [Int] = []
    func append(_ i: Int) { items.append(i) }
}

/// How often the thread-local destructor of `shutdownWaitsForTheThreadsEnd` ran.
private let threadLocalDestructorRuns = Atomic<Int>(0)
