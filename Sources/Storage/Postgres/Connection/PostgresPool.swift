import Logging

/// A fixed set of connections handed out first come, first served.
actor PostgresPool {
    private let connections: [PostgresConnection]
    private var idle: [PostgresConnection]
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<PostgresConnection, any Error>)] = []
    private var nextWaiter: UInt64 = 0
    private var closed = false

    init(settings: PostgresConnectionSettings, size: Int, logger: Logger) {
        let gate = ReconnectGate()
        let all = (0..<max(1, size)).map { PostgresConnection(settings: settings, name: "vcon-pg-\($0)", gate: gate, logger: logger) }
        connections = all
        idle = all
    }

    var size: Int { connections.count }
    var waiterCount: Int { waiters.count }

    /// Opens every connection now, so start-up reports a bad URL or a missing server. The
    /// connections open in parallel (each on its own thread): start-up waits for one handshake
    /// (backend fork, SCRAM) instead of one per connection.
    func connectAll(operation: String) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for connection in connections {
                group.addTask { try await connection.run(operation) { c in try c.connect(operation: operation) } }
            }
            try await group.waitForAll()
        }
    }

    /// Runs `body` on a connection of the pool (see `PostgresConnection.run`). Throws `StorageError`.
    nonisolated func run<T: Sendable>(_ operation: String,
                                      _ body: @Sendable (isolated PostgresConnection) throws -> T) async throws -> T {
        let connection = try await acquire(operation: operation)
        do {
            let value = try await connection.run(operation, body)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    func acquire(operation: String) async throws -> PostgresConnection {
        if closed { throw StorageError(.unavailable, operation: operation, message: "the store is closed") }
        if let connection = idle.popLast() { return connection }
        nextWaiter += 1
        let id = nextWaiter
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: StorageError(.cancelled, operation: operation,
                                                               message: "cancelled while waiting for a connection"))
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id, operation: operation) }
        }
    }

    func release(_ connection: PostgresConnection) {
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func cancelWaiter(_ id: UInt64, operation: String) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(
            throwing: StorageError(.cancelled, operation: operation, message: "cancelled while waiting for a connection"))
    }

    /// Fails waiters and closes every session.
    func close() async {
        closed = true
        for waiter in waiters {
            waiter.continuation.resume(throwing: StorageError(.unavailable, operation: "pool.close", message: "the store is closed"))
        }
        waiters.removeAll()
        for connection in connections { await connection.close() }
    }

    /// Sessions re-established after a loss, over all connections.
    func reconnectCount() async -> Int {
        var total = 0
        for connection in connections { total += await connection.reconnects }
        return total
    }
}
