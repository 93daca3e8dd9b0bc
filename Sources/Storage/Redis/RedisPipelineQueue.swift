import Synchronization

/// Commands waiting to share one round trip (auto-pipelining). A caller enqueues its command,
/// then hops onto the connection's thread and drains the queue: the first drain sends every
/// command queued so far in one write and reads their replies in order; a caller whose command an
/// earlier drain already sent finds the queue empty and just reads its result. Under concurrency
/// one write and one wake-up serve many lookups; alone, it is the plain round trip.
final class RedisPipelineQueue<T: Sendable>: Sendable {
    final class Entry: Sendable {
        let arguments: [[UInt8]]
        private let outcome = Mutex<Result<T, RedisFailure>?>(nil)
        init(_ arguments: [[UInt8]]) { self.arguments = arguments }
        func finish(_ result: Result<T, RedisFailure>) { outcome.withLock { $0 = result } }
        /// Set by the drain that sent the command, which has run by the time the caller's drain returns.
        var result: Result<T, RedisFailure> {
            outcome.withLock { $0 } ?? .failure(RedisFailure(kind: .notConnected, operation: "pipeline", message: "not sent", connection: 0))
        }
    }

    private let waiting = Mutex<[Entry]>([])

    func enqueue(_ arguments: [[UInt8]]) -> Entry {
        let entry = Entry(arguments)
        waiting.withLock { $0.append(entry) }
        return entry
    }

    func takeAll() -> [Entry] {
        waiting.withLock { w in
            let all = w
            w.removeAll(keepingCapacity: true)
            return all
        }
    }
}
