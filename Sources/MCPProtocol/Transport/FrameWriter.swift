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

    /// Writes from a thread that may block (the reader thread).
    func writeBlocking(_ frame: [UInt8]) {
        queue.sync { writeNow(frame) }
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
        var line = frame
        line.append(0x0A)
        let ok = line.withUnsafeBytes { SystemCalls.writeAll(fd, $0) }
        if !ok { broken.store(true, ordering: .relaxed) }
    }
}
