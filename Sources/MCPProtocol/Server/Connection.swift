import Dispatch
import JSONCore
import Synchronization

/// The state of one stdio connection: the era and revision, the requests in flight, and the
/// end-of-input signal. `State` sits behind one lock (nothing here suspends while holding it);
/// the end-of-input flag and the inline hint are atomics the reader reads on every line.
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
        /// Requests whose handler has not finished, by id (for cancellation and duplicate ids).
        var inFlight: [RequestID: InFlight] = [:]
        /// Request tasks not yet done (their answer, if any, not yet written); shutdown waits
        /// for this to reach zero.
        var running = 0
        var ended = false
        var endWaiter: CheckedContinuation<Void, Never>?
        var drainWaiter: CheckedContinuation<Void, Never>?
    }

    let writer: FrameWriter
    let state = Mutex(State())
    /// Where a request runs when it is the only one in flight: on the reader's thread.
    let readerExecutor = ReaderExecutor()
    /// Set by the reader before each line: false when more lines were read with it (the client is
    /// pipelining, and running them one by one on the reader would serialise them).
    var mayRunInline: Bool {
        get { inlineHint.load(ordering: .relaxed) }
        set { inlineHint.store(newValue, ordering: .relaxed) }
    }
    private let inlineHint = Atomic<Bool>(true)
    /// One permit per running request. At the limit the reader thread waits for a permit:
    /// a pipelining client is slowed down (backpressure) instead of growing the process.
    private let slots: DispatchSemaphore
    /// How long the reader waits for a permit before refusing a request as busy and reading on
    /// (so cancellations still get through when every running request waits for one).
    private let slotWait: DispatchTimeInterval

    init(writer: FrameWriter, maxConcurrentRequests: Int, busyWaitSeconds: Double = 5) {
        self.writer = writer
        slotWait = .milliseconds(Int(min(max(0, busyWaitSeconds), 3600) * 1000))
        // Created at zero and raised, so the semaphore never counts as "in use" when released.
        slots = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, maxConcurrentRequests) { slots.signal() }
    }

    enum StartOutcome { case started, duplicate, busy }

    var negotiated: ProtocolRevision? { state.withLock { $0.negotiated } }
    /// Read by the reader thread after every chunk: an atomic, not the lock.
    private let endedFlag = Atomic<Bool>(false)
    var hasEnded: Bool { endedFlag.load(ordering: .acquiring) }

    // MARK: requests in flight

    /// Registers a request and starts its task, unless the id is already in flight or too many are.
    /// Called on the reader thread only (it may block there, waiting for a permit).
    func start(_ id: RequestID, _ body: @escaping @Sendable () async -> Void) -> StartOutcome {
        // Fast path: a free slot, one lock. Otherwise check the id before waiting for a slot.
        if slots.wait(timeout: .now()) != .success {
            if state.withLock({ $0.inFlight[id] != nil }) { return .duplicate }
            readerExecutor.stopServing()   // the reader may wait a while: nothing may wait for it
            guard slots.wait(timeout: .now() + slotWait) == .success else { return .busy }
        }
        let (outcome, alone): (StartOutcome, Bool) = state.withLock { s in
            guard s.inFlight[id] == nil else { return (.duplicate, false) }
            s.running += 1
            s.inFlight[id] = InFlight(task: nil)
            return (.started, s.running == 1 && mayRunInline)
        }
        if outcome == .duplicate { slots.signal(); return outcome }
        // Start the task outside the lock: starting it may switch to a pool thread at once, which
        // then spun on this lock (isCancelled) while the reader thread still held it. Alone, the
        // request runs on the reader thread (ReaderExecutor); with others in flight or following
        // in the input, on the pool.
        let task = Task(executorPreference: alone ? readerExecutor : nil) { await body() }
        let cancelledMeanwhile = state.withLock { s -> Bool in
            guard var entry = s.inFlight[id] else { return false }
            entry.task = task
            s.inFlight[id] = entry
            return entry.cancelled
        }
        if cancelledMeanwhile { task.cancel() }
        return .started
    }

    /// True once a request was cancelled, and for ids not in flight (finished or unknown).
    func isCancelled(_ id: RequestID) -> Bool { state.withLock { $0.inFlight[id]?.cancelled ?? true } }

    /// The handler of `id` has finished: the id leaves the in-flight set before its answer is
    /// written, so a client may reuse it as soon as it reads the answer. Returns whether the
    /// answer is to be sent (false when the request was cancelled).
    func complete(_ id: RequestID) -> Bool {
        state.withLock { s in s.inFlight.removeValue(forKey: id).map { !$0.cancelled } ?? false }
    }

    /// A request task is done, its answer written or dropped; wakes the shutdown drain after the last.
    func taskDone() {
        slots.signal()
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { s in
            s.running -= 1
            guard s.running == 0, let w = s.drainWaiter else { return nil }
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
                if s.running == 0 { return true }
                s.drainWaiter = c
                return false
            }
            if now { c.resume() }
        }
    }

    // MARK: end of input

    /// EOF on the input, a read error, or SIGTERM: stop reading and wake `run`.
    func end() {
        endedFlag.store(true, ordering: .releasing)
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
