import JSONCore
import Synchronization

/// The state of one stdio connection: the era and revision, the requests in flight, and the
/// end-of-input signal. Every field sits behind one lock; nothing here suspends while holding it.
final class Connection: Sendable {
    struct InFlight {
        var task: Task<Void, Never>?
        /// Set by `notifications/cancelled`: the handler's task is cancelled and its response dropped.
        var cancelled = false
    }

    struct State {
        /// The revision agreed by `initialize`; nil until then (requests are then served statelessly).
        var negotiated: ProtocolRevision?
        var clientInitialized = false
        var logLevel: LoggingLevel?
        var inFlight: [RequestID: InFlight] = [:]
        var ended = false
        var endWaiter: CheckedContinuation<Void, Never>?
        var drainWaiter: CheckedContinuation<Void, Never>?
    }

    let writer: FrameWriter
    let state = Mutex(State())
    /// Requests in flight beyond this are refused (a client flooding requests without reading
    /// the answers would otherwise grow the process without limit).
    let maxConcurrentRequests: Int

    init(writer: FrameWriter, maxConcurrentRequests: Int) {
        self.writer = writer
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
    }

    enum StartOutcome { case started, duplicate, busy }

    var negotiated: ProtocolRevision? { state.withLock { $0.negotiated } }
    var hasEnded: Bool { state.withLock { $0.ended } }

    // MARK: requests in flight

    /// Registers a request and starts its task, unless the id is already in flight or too many are.
    func start(_ id: RequestID, _ body: @escaping @Sendable () async -> Void) -> StartOutcome {
        state.withLock { s in
            guard s.inFlight[id] == nil else { return .duplicate }
            guard s.inFlight.count < maxConcurrentRequests else { return .busy }
            s.inFlight[id] = InFlight(task: Task { await body() })
            return .started
        }
    }

    func isCancelled(_ id: RequestID) -> Bool { state.withLock { $0.inFlight[id]?.cancelled ?? true } }

    /// Removes a finished request; wakes the shutdown drain when it was the last one.
    func finish(_ id: RequestID) {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            s.inFlight[id] = nil
            guard s.inFlight.isEmpty, let w = s.drainWaiter else { return nil }
            s.drainWaiter = nil
            return w
        }
        waiter?.resume()
    }

    /// `notifications/cancelled`: unknown or finished ids are ignored.
    func cancel(_ id: RequestID) {
        let task: Task<Void, Never>? = state.withLock { s in
            guard var entry = s.inFlight[id], !entry.cancelled else { return nil }
            entry.cancelled = true
            s.inFlight[id] = entry
            return entry.task
        }
        task?.cancel()
    }

    /// Cancels everything still running (shutdown grace expired) and releases a drain waiter.
    func cancelAll() {
        let (tasks, waiter): ([Task<Void, Never>], CheckedContinuation<Void, Never>?) = state.withLock { s in
            var tasks: [Task<Void, Never>] = []
            for (id, var entry) in s.inFlight {
                entry.cancelled = true
                s.inFlight[id] = entry
                if let t = entry.task { tasks.append(t) }
            }
            let w = s.drainWaiter
            s.drainWaiter = nil
            return (tasks, w)
        }
        for t in tasks { t.cancel() }
        waiter?.resume()
    }

    /// Returns once no request is in flight (or `cancelAll` gave up on them).
    func drained() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now: Bool = state.withLock { s in
                if s.inFlight.isEmpty { return true }
                s.drainWaiter = c
                return false
            }
            if now { c.resume() }
        }
    }

    // MARK: end of input

    /// EOF on the input, a read error, or SIGTERM: stop reading and wake `run`.
    func end() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            s.ended = true
            let w = s.endWaiter
            s.endWaiter = nil
            return w
        }
        waiter?.resume()
    }

    func waitForEnd() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now: Bool = state.withLock { s in
                if s.ended { return true }
                s.endWaiter = c
                return false
            }
            if now { c.resume() }
        }
    }
}
