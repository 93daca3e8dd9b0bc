#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into newline-terminated lines, bounded in length.
///
/// Pure state machine (no I/O) so it can be tested directly. A trailing `\r` is dropped.
/// A line longer than `maxLineBytes` is reported once as `.oversized` and its remaining bytes
/// are skipped, without buffering, up to the next newline.
struct LineSplitter {
    enum Event { case line(UnsafeBufferPointer<UInt8>), oversized }

    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var discarding = false

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    /// Feeds one chunk; `emit` sees each complete line (valid only during the call).
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (Event) -> Void) {
        var start = 0
        let count = chunk.count
        guard let base = chunk.baseAddress else { return }
        while start < count {
            let rest = count - start
            let found = memchr(base + start, 0x0A, rest)
            let end = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            if discarding {
                if found != nil { discarding = false }
                start = end + 1
                continue
            }
            let pieceLength = end - start
            if pending.count + pieceLength > maxLineBytes + 1 {   // +1: a trailing \r is allowed
                pending.removeAll(keepingCapacity: false)
                emit(.oversized)
                discarding = found == nil
                start = end + 1
                continue
            }
            if found == nil {
                pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pieceLength))
                return
            }
            if pending.isEmpty {
                emitLine(UnsafeBufferPointer(start: base + start, count: pieceLength), emit)
            } else {
                pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pieceLength))
                let line = pending
                pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
                line.withUnsafeBufferPointer { emitLine($0, emit) }
            }
            start = end + 1
        }
    }

    /// End of input: a last line without a newline is still a line.
    mutating func finish(_ emit: (Event) -> Void) {
        guard !discarding, !pending.isEmpty else { return }
        let line = pending
        pending = []
        line.withUnsafeBufferPointer { emitLine($0, emit) }
    }

    private func emitLine(_ line: UnsafeBufferPointer<UInt8>, _ emit: (Event) -> Void) {
        var n = line.count
        if n > 0 && line[n - 1] == 0x0D { n -= 1 }
        if n > maxLineBytes { emit(.oversized); return }
        emit(.line(UnsafeBufferPointer(rebasing: line[0..<n])))
    }
}
