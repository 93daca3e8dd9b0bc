/// Tests that stop Redis take this gate exclusively; tests that use Redis take it shared. Swift Testing
/// runs suites in parallel, and `.serialized` only orders the tests inside one suite tree, so this is
/// what keeps one suite's outage out of another suite's assertions. (Exclusive waiters go first.)
/// The Postgres tests have the same for PostgreSQL (`PostgresOutageGate`).
actor RedisOutageGate {
    static let shared = RedisOutageGate()
    private var readers = 0
    private var writing = false
    private var waitingWriters: [CheckedContinuation<Void, Never>] = []
    private var waitingReaders: [CheckedContinuation<Void, Never>] = []

    func acquire(exclusive: Bool) async {
        if exclusive {
            if writing || readers > 0 || !waitingWriters.isEmpty {
                await withCheckedContinuation { waitingWriters.append($0) }   // ownership handed over on resume
            } else {
                writing = true
            }
        } else {
            if writing || !waitingWriters.isEmpty {
                await withCheckedContinuation { waitingReaders.append($0) }
            } else {
                readers += 1
            }
        }
    }

    func release(exclusive: Bool) {
        if exclusive { writing = false } else { readers -= 1 }
        guard !writing, readers == 0 else { return }
        if !waitingWriters.isEmpty {
            writing = true
            waitingWriters.removeFirst().resume()
        } else if !waitingReaders.isEmpty {
            readers += waitingReaders.count
            for r in waitingReaders { r.resume() }
            waitingReaders.removeAll()
        }
    }
}

/// Runs `body` with PostgreSQL held shared (no pg-restart meanwhile) and Redis held shared, or
/// exclusively for a test that takes Redis down. Always in that order (Postgres, then Redis): no deadlock.
func withServices<T>(exclusive: Bool = false, _ body: () async throws -> T) async throws -> T {
    try await PostgresOutageGate.shared.withShared {
        await RedisOutageGate.shared.acquire(exclusive: exclusive)
        do {
            let result = try await body()
            await RedisOutageGate.shared.release(exclusive: exclusive)
            return result
        } catch {
            await RedisOutageGate.shared.release(exclusive: exclusive)
            throw error
        }
    }
}
