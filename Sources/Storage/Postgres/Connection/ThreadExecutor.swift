import Foundation

/// A serial executor that runs every job on one dedicated OS thread.
///
/// libpq calls block; running them on Swift's cooperative pool (2 threads here) would stall every
/// other task. An actor whose `unownedExecutor` is one of these keeps its blocking calls on its own thread.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false
    private var threadID: pthread_t?
    private let condition = NSCondition()
    private let name: String

    init(name: String) {
        self.name = name
        // A joinable thread, so that `shutdown` can wait for its very end. The thread holds the
        // executor until `shutdown`.
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            Unmanaged<ThreadExecutor>.fromOpaque(raw!).takeRetainedValue().runLoop()
            return nil
        }, context)
        precondition(rc == 0, "pthread_create failed (\(rc)) for \(name)")
        condition.lock(); threadID = thread; condition.unlock()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Whether the caller runs on this executor's thread (for checks and tests).
    var isCurrentThread: Bool {
        condition.lock(); defer { condition.unlock() }
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish the queued jobs and exit, and waits until it has ended (called from
    /// the thread itself, it cannot wait). The executor must not be used afterwards.
    ///
    /// Waiting matters: libpq's OpenSSL keeps per-thread state that the thread frees as it ends.
    /// A thread still ending when the process exits (a failed start-up: the pool closes, then
    /// `exit(2)`) raced OpenSSL's exit-time clean-up: a double free or a crash (found by ASan).
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        let thread = threadID
        threadID = nil
        condition.unlock()
        guard let thread else { return }
        if pthread_equal(thread, pthread_self()) != 0 {
            pthread_detach(thread)      // the owner's last reference went away in one of its jobs
        } else {
            pthread_join(thread, nil)   // only thread-exit work left: the owner is gone, so are its jobs
        }
    }

    private func runLoop() {
        Thread.current.name = name
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            if head == jobs.count && stopping { condition.unlock(); break }
            let job = jobs[head]
            head += 1
            if head > 256 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}
