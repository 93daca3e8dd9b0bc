import Dispatch
import Synchronization

/// The single owner of the output descriptor: frames are written one after another, each
/// whole (a newline-terminated line), with a blocking write loop on a serial queue of its own.
/// Frames therefore never interleave, whatever their size.
final class FrameWriter: Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "mcp.frame-writer")
    /// Set once a write fails (the peer closed its end): later frames are dropped.
    private let broken = Atomic<Bool>(false)

    init(fd: Int32) { self.fd = fd }

    /// Writes one frame and returns when it has been handed to the kernel. Waiting here gives
    /// backpressure: a client that stops reading slows the producers down instead of letting
    /// frames pile up in memory.
    func write(_ frame: [UInt8]) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.writeNow(frame)
                continuation.resume()
            }
        }
    }

    /// Queues a frame without waiting (the reader thread's error answers: the reader must keep
    /// draining the input even while the client is not reading its output).
    func send(_ frame: [UInt8]) {
        queue.async { self.writeNow(frame) }
    }

    /// Returns when every frame queued before the call has been written.
    func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { continuation.resume() }
        }
    }

    var isBroken: Bool { broken.load(ordering: .relaxed) }

    private func writeNow(_ frame: [UInt8]) {
        guard !broken.load(ordering: .relaxed) else { return }
        // Frames come from `Frames`, which writes them on one line; a stray newline would split
        // the frame for the reader, so debug builds check.
        assert(!frame.contains(0x0A), "a frame must not contain a newline")
        let ok = frame.withUnsafeBytes { SystemCalls.writeLine(fd, $0) }
        if !ok { broken.store(true, ordering: .relaxed) }
    }
}
