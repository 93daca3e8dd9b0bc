internal import CLibpq
import Foundation

/// Sends `PQcancel` for the connection's running query from any thread (a task's cancellation
/// handler). The `PGcancel` object is made at connect time and replaced on reconnect, under a lock.
final class CancelHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var cancel: OpaquePointer?
    private var armed = false
    private var requested = false

    deinit { if let cancel { PQfreeCancel(cancel) } }

    func replace(with connection: OpaquePointer?) {
        lock.lock(); defer { lock.unlock() }
        if let cancel { PQfreeCancel(cancel) }
        cancel = connection.flatMap { PQgetCancel($0) }
    }

    /// Marks the start of an operation that may be cancelled.
    func arm() {
        lock.lock(); armed = true; requested = false; lock.unlock()
    }

    /// Ends the operation; returns whether a cancel was requested during it.
    @discardableResult
    func disarm() -> Bool {
        lock.lock(); defer { lock.unlock() }
        armed = false
        return requested
    }

    var wasRequested: Bool { lock.lock(); defer { lock.unlock() }; return requested }

    /// Asks the server to cancel the running query. Held under the lock so the operation cannot end
    /// (and the next one start) while the request is in flight.
    func requestCancel() {
        lock.lock(); defer { lock.unlock() }
        guard armed, let cancel else { return }
        requested = true
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }
}
