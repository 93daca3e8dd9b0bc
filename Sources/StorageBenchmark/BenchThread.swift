import Foundation

/// One dedicated thread as a serial executor: the raw floors are measured the way an async caller
/// pays for them (hop to the thread that owns the C handle, block there, hop back), beside the
/// synchronous call on the benchmark's own thread.
final class BenchThread: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(name: String) {
        let thread = Thread { [self] in
            var batch: [UnownedJob] = []
            while true {
                condition.lock()
                while jobs.isEmpty { condition.wait() }
                swap(&batch, &jobs)
                condition.unlock()
                for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock(); jobs.append(unowned); condition.signal(); condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}

/// Latency samples in microseconds.
struct Samples {
    private(set) var micros: [Double] = []
    mutating func add(_ d: Duration) {
        micros.append(Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12)
    }
    func percentile(_ q: Double) -> Double {
        let s = micros.sorted()
        return s.isEmpty ? 0 : s[min(s.count - 1, Int(q * Double(s.count)))]
    }
    var p50: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
}
