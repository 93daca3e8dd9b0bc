#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor on a dedicated thread in large chunks and hands each line (or an
/// over-long line's notice) to `onEvent`, in order.
enum LineReader {
    static let chunkSize = 1 << 20
    static let readerThreadName = "mcp-reader"

    /// Starts the thread. `shouldStop` is checked after every read; `onEnd` runs once at EOF,
    /// a read error, or a stop.
    static func start(fd: Int32, maxLineBytes: Int, shouldStop: @escaping @Sendable () -> Bool,
                      onEvent: @escaping @Sendable (LineSplitter.Event, _ moreInChunk: Bool) -> Void,
                      onEnd: @escaping @Sendable () -> Void) {
        SystemCalls.startThread {
            // Named for profiles, and because lone requests run here too (ReaderExecutor).
            SystemCalls.nameCurrentThread(readerThreadName)
            var splitter = LineSplitter(maxLineBytes: maxLineBytes)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            while !shouldStop() {
                let n = SystemCalls.read(fd, buffer.baseAddress!, chunkSize)
                if n <= 0 { break }
                let chunk = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
                // Whether more lines follow in what was read: a hint that the client is pipelining
                // (an estimate: the newline ending a skipped oversized tail counts as a line).
                var newlines = countNewlines(chunk)
                splitter.feed(chunk) { event in
                    newlines -= 1
                    if !shouldStop() { onEvent(event, newlines > 0) }
                }
            }
            if !shouldStop() { splitter.finish { onEvent($0, false) } }
            onEnd()
        }
    }

    private static func countNewlines(_ chunk: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = chunk.baseAddress else { return 0 }
        var count = 0, start = 0
        while start < chunk.count, let found = memchr(base + start, 0x0A, chunk.count - start) {
            count += 1
            start = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        return count
    }
}
