/// The latencies of the most recent cache round trips, for p50 / p99 on demand.
struct LatencyWindow: Sendable {
    private var samples: [Double] = []
    private var next = 0
    private let capacity: Int

    init(capacity: Int = 1024) { self.capacity = capacity; samples.reserveCapacity(capacity) }

    mutating func record(_ duration: Duration) {
        let micros = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        if samples.count < capacity { samples.append(micros) } else { samples[next] = micros }
        next = (next + 1) % capacity
    }

    /// (p50, p99) in microseconds; zeros when empty.
    func percentiles() -> (Double, Double) {
        guard !samples.isEmpty else { return (0, 0) }
        let sorted = samples.sorted()
        func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] }
        return (at(0.50), at(0.99))
    }
}
