import Synchronization

/// Collects the responses of one JSON-RPC batch and releases them as one array frame.
final class BatchCollector: Sendable {
    private struct State { var frames: [[UInt8]] = []; var received = 0; var expected: Int?; var done = false }
    private let state = Mutex(State())

    /// Adds one response (nil for a suppressed one); returns the batch frame when it completes.
    func add(_ frame: [UInt8]?) -> [UInt8]? {
        state.withLock { s in
            s.received += 1
            if let frame { s.frames.append(frame) }
            return Self.completed(&s)
        }
    }

    /// Sets the number of responses to wait for, once every element has been read.
    func expect(_ count: Int) -> [UInt8]? {
        state.withLock { s in
            s.expected = count
            return Self.completed(&s)
        }
    }

    private static func completed(_ s: inout State) -> [UInt8]? {
        guard !s.done, let expected = s.expected, s.received >= expected, !s.frames.isEmpty || expected > 0 else { return nil }
        s.done = true
        if s.frames.isEmpty { return nil }   // everything was cancelled: nothing to send
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, f) in s.frames.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: f)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
