internal import CLibpq
import Foundation

/// Sends `PQcancel` for the connection's running query on behalf of any thread (a task's
/// cancellation handler). The `PGcancel` object is made at connect time and replaced on reconnect.
///
/// `PQcancel` opens a connection to the server and waits for it, with no timeout: the caller (the
/// stdin reader, or a cooperative-pool thread) must never run it. It runs on a queue of its own;
/// the connection's thread waits in `disarm` (and `arm`, `replace`) until it has finished, so an
/// operation cannot end, and the next one start, while its cancel is in flight.
final class CancelHandle: @unchecked Sendable {
    private let condition = NSCondition()
    private var cancel: OpaquePointer?
    private var armed = false
    private var requested = false
    private var sending = false
    private static let queue = DispatchQueue(label: "vcon.postgres-cancel", attributes: .concurrent)

    // A send in flight holds a strong reference to self, so deinit never races it.
    deinit { if let cancel { PQfreeCancel(cancel) } }

    func replace(with connection: OpaquePointer?) {
        condition.lock(); defer { condition.unlock() }
        while sending { condition.wait() }
        if let cancel { PQfreeCancel(cancel) }
        cancel = connection.flatMap { PQgetCancel($0) }
    }

    /// Marks the start of an operation that may be cancelled.
    func arm() {
        condition.lock(); defer { condition.unlock() }
        while sending { condition.wait() }
        armed = true
        requested = false
    }

    /// Ends the operation once no cancel is in flight; returns whether a cancel was requested.
    @discardableResult
    func disarm() -> Bool {
        condition.lock(); defer { condition.unlock() }
        while sending { condition.wait() }
        armed = false
        return requested
    }

    var wasRequested: Bool { condition.lock(); defer { condition.unlock() }; return requested }

    /// Asks the server to cancel the running query; returns at once.
    func requestCancel() {
        condition.lock()
        guard armed, !requested, cancel != nil else { condition.unlock(); return }
        requested = true
        sending = true
        condition.unlock()
        Self.queue.async {
            // `replace` waits while `sending`, so the object read here stays valid for the call.
            self.condition.lock()
            let cancel = self.cancel
            self.condition.unlock()
            var buffer = [CChar](repeating: 0, count: 256)
            if let cancel { _ = PQcancel(cancel, &buffer, Int32(buffer.count)) }
            self.condition.lock()
            self.sending = false
            self.condition.broadcast()
            self.condition.unlock()
        }
    }
}
