#if canImport(Glibc)
import Glibc
#endif
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
    /// The output pipe opened a second time, non-blocking (its O_NONBLOCK does not touch the
    /// descriptor shared with our parent), for the fast path of `write`; -1 when not a pipe.
    private let fastFD: Int32

    init(fd: Int32) {
        self.fd = fd
        fastFD = fcntl(fd, 1032) > 0   // F_GETPIPE_SZ (Linux): fd is a pipe
            ? open("/proc/self/fd/\(fd)", O_WRONLY | O_NONBLOCK | O_CLOEXEC) : -1
    }

    deinit { if fastFD >= 0 { close(fastFD) } }

    /// Frames waiting for the writer in order, each with whoever waits for it (a `flush` is a
    /// waiter without a frame); `scheduled` while a drain is queued or running.
    private struct Pending {
        var entries: [(frame: [UInt8]?, waiter: CheckedContinuation<Void, Never>?)] = []
        var scheduled = false
    }
    private let pending = Mutex(Pending())

    /// Writes one frame and returns when it has been handed to the kernel. Waiting here gives
    /// backpressure: a client that stops reading slows the producers down instead of letting
    /// frames pile up in memory.
    func write(_ frame: [UInt8]) async {
        // Fast path: the writer is idle, so write here, without blocking, and skip two thread
        // hops (to the writer's queue and back), the larger part of a cache hit's latency. If the
        // pipe fills, the writer's thread finishes the frame: a blocked write never holds a
        // thread of the cooperative pool.
        if fastFD >= 0, claimIdleWriter() {
            let written = writeNonblocking(frame)
            if written == frame.count + 1 || written < 0 {
                if written < 0 { broken.store(true, ordering: .relaxed) }
                let more = pending.withLock { p -> Bool in
                    if p.entries.isEmpty { p.scheduled = false; return false }
                    return true
                }
                if more { queue.async { self.drain() } }
                return
            }
            let rest = Array(frame[written...])
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // First in line: frames queued meanwhile come after the end of this one.
                pending.withLock { $0.entries.insert((rest, continuation), at: 0) }
                queue.async { self.drain() }
            }
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            enqueue(frame, continuation)
        }
    }

    /// Writes the frame and its newline on the non-blocking description; returns the bytes
    /// written (0 when the pipe is full) or -1 when the peer is gone.
    private func writeNonblocking(_ frame: [UInt8]) -> Int {
        guard !broken.load(ordering: .relaxed) else { return frame.count + 1 }
        assert(!frame.contains(0x0A), "a frame must not contain a newline")
        var newline: UInt8 = 0x0A
        return frame.withUnsafeBytes { bytes in
            withUnsafeMutablePointer(to: &newline) { nl in
                var vectors = [iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count),
                               iovec(iov_base: UnsafeMutableRawPointer(nl), iov_len: 1)]
                while true {
                    let n = writev(fastFD, &vectors, 2)
                    if n >= 0 { return n }
                    if errno == EINTR { continue }
                    return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1
                }
            }
        }
    }

    /// Takes the writer when nothing is queued or being written (frames queued meanwhile wait).
    private func claimIdleWriter() -> Bool {
        pending.withLock { p in
            guard !p.scheduled, p.entries.isEmpty else { return false }
            p.scheduled = true
            return true
        }
    }

    /// Queues a frame without waiting (the reader thread's error answers: the reader must keep
    /// draining the input even while the client is not reading its output).
    func send(_ frame: [UInt8]) {
        enqueue(frame, nil)
    }

    /// Returns when every frame queued before the call has been written.
    func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            enqueue(nil, continuation)
        }
    }

    private func enqueue(_ frame: [UInt8]?, _ waiter: CheckedContinuation<Void, Never>?) {
        let schedule = pending.withLock { p -> Bool in
            p.entries.append((frame, waiter))
            if p.scheduled { return false }
            p.scheduled = true
            return true
        }
        if schedule { queue.async { self.drain() } }
    }

    /// Writes everything queued, in order: frames that piled up while the last write ran go out
    /// in one write (one system call and one wake-up for many answers under pipelining).
    private func drain() {
        while true {
            let entries = pending.withLock { p in
                let taken = p.entries
                p.entries.removeAll(keepingCapacity: true)
                if taken.isEmpty { p.scheduled = false }
                return taken
            }
            if entries.isEmpty { return }
            let frames = entries.compactMap(\.frame)
            if frames.count == 1 {
                writeNow(frames[0])
            } else if frames.count > 1 {
                var joined: [UInt8] = []
                joined.reserveCapacity(frames.reduce(0) { $0 + $1.count + 1 })
                for frame in frames {
                    assert(!frame.contains(0x0A), "a frame must not contain a newline")
                    joined.append(contentsOf: frame)
                    joined.append(0x0A)
                }
                writeJoined(joined)
            }
            for entry in entries { entry.waiter?.resume() }
        }
    }

    private func writeJoined(_ bytes: [UInt8]) {
        guard !broken.load(ordering: .relaxed) else { return }
        let ok = bytes.withUnsafeBytes { SystemCalls.writeAll(fd, $0) }
        if !ok { broken.store(true, ordering: .relaxed) }
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
