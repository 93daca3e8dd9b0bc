import Foundation

/// The release `vcon-mcp`, spawned with posix_spawn on two pipes (no Foundation `Process`: we
/// want the raw fds and the pid for /proc). stderr goes to a log file so stdout stays the protocol.
final class ServerProcess {
    let pid: pid_t
    let reader: LineReader
    private var input: Int32
    let spawnedAt: UInt64

    /// `wrapper`: a command to run the server under (e.g. valgrind), resolved through PATH.
    init(executable: String, environment: [String: String], stderrPath: String, wrapper: [String] = []) throws {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw BenchError("pipe failed") }
        // Close-on-exec everywhere: dup2 in the child clears it on 0 and 1 only.
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let command = wrapper + [executable]
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let started = monotonicNanos()
        let rc = posix_spawnp(&child, command[0], &actions, nil, argv, envp)
        close(toChild[0]); close(fromChild[1])
        guard rc == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw BenchError("posix_spawn \(executable) failed: \(String(cString: strerror(rc)))")
        }
        pid = child
        spawnedAt = started
        input = toChild[1]
        reader = LineReader(fd: fromChild[0])
    }

    /// Writes all bytes to the server's stdin.
    func send(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(input, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; throw BenchError("write to server failed: errno \(errno)") }
                offset += n
            }
        }
    }

    /// A field of /proc/<pid>/status in kB (VmHWM is the peak resident set).
    func statusKB(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// Closes stdin (the server exits on EOF) and reaps it; SIGKILL if it takes longer than `seconds`.
    @discardableResult
    func finish(seconds: Double = 10) -> Int32 {
        if input >= 0 { close(input); input = -1 }
        let deadline = monotonicNanos() + UInt64(seconds * 1e9)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 { return -1 }
            if monotonicNanos() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); break }
            usleep(2000)   // polling the child's exit with a deadline, not synchronising with it
        }
        reader.close()
        return status
    }
}

/// Reads newline-terminated frames from a blocking fd into one large buffer (memchr scans:
/// the client shares the CPU with the server, so it must cost little per frame).
final class LineReader {
    private var fd: Int32
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 22
    private var start = 0, end = 0
    private var found: Int?   // index of the next newline, when already scanned for

    init(fd: Int32) {
        self.fd = fd
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    private func scan() -> Int? {
        if let found { return found }
        guard end > start, let p = memchr(storage + start, 0x0A, end - start) else { return nil }
        found = storage.distance(to: p.assumingMemoryBound(to: UInt8.self))
        return found
    }

    /// The next line without its newline (valid until the next call); nil at EOF.
    func next() throws -> ArraySlice<UInt8>? {
        guard let line = try nextBuffer() else { return nil }
        return ArraySlice(line)
    }

    /// The next line as a buffer into the reader's storage (valid until the next call); nil at EOF.
    func nextBuffer() throws -> UnsafeBufferPointer<UInt8>? {
        while true {
            if let nl = scan() {
                found = nil
                let line = UnsafeBufferPointer(start: storage + start, count: nl - start)
                start = nl + 1
                return line
            }
            if start > 0 {
                memmove(storage, storage + start, end - start)
                end -= start; start = 0
            }
            if end == capacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: storage, count: end)
                storage.deallocate(); storage = bigger; capacity *= 2
            }
            let n = read(fd, storage + end, capacity - end)
            if n == 0 { return nil }
            if n < 0 { if errno == EINTR { continue }; throw BenchError("read from server failed: errno \(errno)") }
            end += n
        }
    }

    /// True when a whole line is already buffered (no read needed).
    func hasBufferedLine() -> Bool { scan() != nil }

    func close() { if fd >= 0 { Glibc.close(fd); fd = -1 } }
}

func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
