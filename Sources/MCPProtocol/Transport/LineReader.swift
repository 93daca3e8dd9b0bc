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

/// Reads a file descriptor on a dedicated thread in large chunks and hands each line to `onLine`.
enum LineReader {
    static let chunkSize = 1 << 20

    /// Starts the thread. `shouldStop` is checked after every read; `onEnd` runs once at EOF,
    /// a read error, or a stop.
    static func start(fd: Int32, maxLineBytes: Int, shouldStop: @escaping @Sendable () -> Bool,
                      onEvent: @escaping @Sendable (LineSplitter.Event) -> Void,
                      onEnd: @escaping @Sendable () -> Void) {
        SystemCalls.startThread {
            var splitter = LineSplitter(maxLineBytes: maxLineBytes)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            while !shouldStop() {
                let n = SystemCalls.read(fd, buffer.baseAddress!, chunkSize)
                if n <= 0 { break }
                let chunk = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
                splitter.feed(chunk) { event in if !shouldStop() { onEvent(event) } }
            }
            if !shouldStop() { splitter.finish(onEvent) }
            onEnd()
        }
    }
}
