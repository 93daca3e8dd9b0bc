#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Thin wrappers over the few system calls the transport makes; each retries EINTR.
enum SystemCalls {
    /// Reads up to `count` bytes; 0 at end of file, -1 on an error other than EINTR.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n < 0 && errno == EINTR { continue }
            // A parent may hand us a non-blocking descriptor: wait until it is readable.
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { waitFor(fd, events: Int16(POLLIN)); continue }
            return n
        }
    }

    /// Blocks until `fd` is ready for `events` (or reports an error / hang-up, which the next call sees).
    private static func waitFor(_ fd: Int32, events: Int16) {
        var p = pollfd(fd: fd, events: events, revents: 0)
        while poll(&p, 1, -1) < 0 && errno == EINTR {}
    }

    /// Writes all bytes, looping over partial writes and EINTR. False when the peer is gone
    /// (EPIPE) or another error stops the write.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { waitFor(fd, events: Int16(POLLOUT)); continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Writes `bytes` and a newline with `writev` (no copy to append the newline), looping
    /// over partial writes, EINTR and EAGAIN. False when the peer is gone or another error stops it.
    static func writeLine(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var newline: UInt8 = 0x0A
        return withUnsafeMutablePointer(to: &newline) { nl in
            var offset = 0                     // bytes of the frame already written
            let total = bytes.count + 1
            while offset < total {
                var vectors: [iovec] = []
                if offset < bytes.count {
                    vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + offset), iov_len: bytes.count - offset))
                }
                vectors.append(iovec(iov_base: UnsafeMutableRawPointer(nl), iov_len: 1))
                let n = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress, Int32($0.count)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK { waitFor(fd, events: Int16(POLLOUT)); continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    /// Names the calling thread (at most 15 bytes are kept), as shown by `ps -L`, `top -H` and perf.
    /// Through /proc: Glibc's pthread_setname_np is not visible to Swift.
    static func nameCurrentThread(_ name: String) {
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// Starts a detached OS thread (not one of Swift's cooperative pool) with its own stack.
    /// Under resource pressure it retries with smaller stacks, then falls back to a dispatch
    /// thread; it never runs `body` inline (that would block the caller, often a pool thread).
    static func startThread(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
        final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
        for size in [stackSize, 1 << 20, 256 << 10] {
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
            let context = Unmanaged.passRetained(Box(body)).toOpaque()
            var thread = pthread_t()
            let rc = pthread_create(&thread, &attributes, { raw in
                Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, context)
            if rc == 0 { return }
            Unmanaged<Box>.fromOpaque(context).release()
        }
        DispatchQueue(label: "mcp.thread-fallback").async(execute: body)
    }
}
