#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization

/// Writes log lines to stderr (stdout belongs to the protocol), each whole: one line at a time
/// (a lock), so lines from concurrent requests never interleave.
///
/// Unlike swift-log's `StreamLogHandler`, setting metadata only stores it: the text is formed when
/// a line is actually written. Every request attaches its id and method to its logger, and at the
/// default level nothing is logged for it, so formatting eagerly cost ~3% of a cache hit.
struct StderrLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, level: Logger.Level) {
        self.label = label
        logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit = event.metadata { all.merge(explicit) { _, new in new } }
        var text = "\(Self.timestamp()) \(event.level) \(label):"
        for (key, value) in all.sorted(by: { $0.key < $1.key }) { text += " \(key)=\(value)" }
        text += " \(event.message)"
        if let error = event.error { text += " error=\(error)" }
        text += "\n"
        Self.writeToStderr(text)
    }

    /// UTC, to the millisecond: 2026-11-22T12:49:11.123Z.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let millis = Int(now.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        let base = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(base).\(fraction)Z"
    }

    private static let writing = Mutex(())

    /// The whole line, or as much as stderr takes: a non-blocking stderr that stays full for a
    /// second loses the rest of the line (logging never stalls the server for longer).
    private static func writeToStderr(_ text: String) {
        let bytes = Array(text.utf8)
        writing.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if n > 0 { offset += n; continue }
                    guard n < 0 else { return }
                    if errno == EINTR { continue }
                    guard errno == EAGAIN || errno == EWOULDBLOCK else { return }
                    var ready = pollfd(fd: 2, events: Int16(POLLOUT), revents: 0)
                    guard poll(&ready, 1, 1000) > 0 else { return }
                }
            }
        }
    }
}
