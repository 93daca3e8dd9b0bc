/// Reads a file descriptor on a dedicated thread in large chunks and hands each line (or an
/// over-long line's notice) to `onEvent`, in order.
enum LineReader {
    static let chunkSize = 1 << 20
    static let readerThreadName = "mcp-reader"

    /// Starts the thread. `shouldStop` is checked after every read; `onEnd` runs once at EOF,
    /// a read error, or a stop.
    static func start(fd: Int32, maxLineBytes: Int, shouldStop: @escaping @Sendable () -> Bool,
                      onEvent: @escaping @Sendable (LineSplitter.Event) -> Void,
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
                splitter.feed(chunk) { event in if !shouldStop() { onEvent(event) } }
            }
            if !shouldStop() { splitter.finish(onEvent) }
            onEnd()
        }
    }
}
