#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Runs a request on the input reader's own thread when nothing else is in flight.
///
/// A request handed to Swift's pool costs a wake-up of a pool thread while the reader goes back
/// to sleep in `read`; at pipelining depth 1 that hand-off is most of the server's overhead on a
/// cache hit. A task that prefers this executor has its jobs run by the reader thread while the
/// reader is inside `serve` (handling one input line, then running what that line started). A job
/// that arrives when the reader is not serving (the task resumes after a wait on Postgres, say)
/// goes to the global executor: the reader may be blocked in `read` and must never be waited for.
///
/// The price: while a lone request runs here, up to its first suspension, input is not read (a
/// cancellation or the next request waits behind it). For the requests this is meant for, a
/// cache hit, that is one Redis round trip; at worst it is the Redis command timeout.
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

    /// Runs `body` on the calling (reader) thread, then every job enqueued meanwhile, until none is
    /// left. The thread is marked as one that may block meanwhile (`currentThreadMayBlock`).
    func serve(_ body: () -> Void) {
        state.withLock { $0.serving = true }
        ReaderThreadMark.set(true)
        defer { ReaderThreadMark.set(false) }
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

    /// The reader is about to wait (for a request slot): jobs waiting for it, and those that
    /// arrive until the next `serve`, go to the global executor instead.
    func stopServing() {
        let waiting = state.withLock { s -> [UnownedJob] in
            s.serving = false
            defer { s.jobs.removeAll() }
            return s.jobs
        }
        for job in waiting { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
    }
}

/// Marks the reader thread while it serves: work running there may block briefly (the reader
/// would only wait in `read` otherwise), which no thread of Swift's pool may.
enum ReaderThreadMark {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        return key
    }()

    static var isSet: Bool { pthread_getspecific(key) != nil }
    static func set(_ on: Bool) { pthread_setspecific(key, on ? UnsafeRawPointer(bitPattern: 1) : nil) }
}

extension MCPServer {
    /// True on an MCP server's stdin reader while it runs a lone request: a blocking call of a few
    /// microseconds (a cache lookup) is cheaper there than a hand-off to another thread. False on
    /// every other thread, in particular on Swift's cooperative pool.
    public static var currentThreadMayBlock: Bool { ReaderThreadMark.isSet }
}
