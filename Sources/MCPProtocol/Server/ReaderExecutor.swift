import Synchronization

/// Runs a request on the input reader's own thread when nothing else is in flight.
///
/// A request handed to Swift's pool costs a wake-up of a pool thread while the reader goes back
/// to sleep in `read`; at pipelining depth 1 that hand-off is most of the server's overhead on a
/// cache hit. A task that prefers this executor has its jobs run by the reader thread for as long
/// as the reader is inside `serve` (the line that started it is being handled). A job that arrives
/// later (the task resumes after a wait on Postgres, say) goes to the global executor instead: the
/// reader may be blocked in `read` and must never be waited for.
final class ReaderExecutor: TaskExecutor, Sendable {
    private struct State {
        var serving = false
        var jobs: [UnownedJob] = []
    }
    private let state = Mutex(State())

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let kept = state.withLock { s in
            guard s.serving else { return false }
            s.jobs.append(unowned)
            return true
        }
        if !kept { globalConcurrentExecutor.enqueue(ExecutorJob(unowned)) }
    }

    /// Runs `body` on the calling (reader) thread, then every job enqueued meanwhile, until none is left.
    func serve(_ body: () -> Void) {
        state.withLock { $0.serving = true }
        body()
        while true {
            let batch = state.withLock { s -> [UnownedJob] in
                if s.jobs.isEmpty { s.serving = false; return [] }
                defer { s.jobs.removeAll(keepingCapacity: true) }
                return s.jobs
            }
            if batch.isEmpty { return }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
