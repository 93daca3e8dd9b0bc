import Foundation
import JSONCore
import TestSupport

/// The built server as a child process: JSON-RPC lines in on stdin, every stdout line collected
/// by a reader thread. Waiting for output is on a condition with a deadline; only reaping a process that has
/// already closed stdout polls briefly.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var scanned = 0   // bytes of `buffer` known to hold no newline
    private var stdoutLines: [[UInt8]] = []
    private var responses: [String: JSON] = [:]
    private var stderrBytes: [UInt8] = []
    private var outputClosed = false
    private var errorsClosed = false

    init(binary: String, environment: [String: String], arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        startReader(output.fileHandleForReading.fileDescriptor, stdout: true)
        startReader(errors.fileHandleForReading.fileDescriptor, stdout: false)
    }

    private func startReader(_ fd: Int32, stdout: Bool) {
        let thread = Thread { [self] in
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                condition.lock()
                if n <= 0 {
                    if stdout { outputClosed = true } else { errorsClosed = true }
                    condition.broadcast(); condition.unlock()
                    return
                }
                if stdout { absorb(chunk[0..<n]) } else { stderrBytes += chunk[0..<n] }
                condition.broadcast()
                condition.unlock()
            }
        }
        thread.start()
    }

    /// Splits complete lines and indexes responses by id (called with the lock held).
    private func absorb(_ bytes: ArraySlice<UInt8>) {
        buffer += bytes
        // Scan only the new bytes: a multi-MiB line arrives in many chunks.
        while let newline = buffer[scanned...].firstIndex(of: 0x0A) {
            let line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            scanned = 0
            stdoutLines.append(line)
            if let message = try? JSON.parse(line), let id = message["id"], !id.isNull, message["method"] == nil {
                responses[id.encodedString()] = message
            }
        }
        scanned = buffer.count
    }

    func send(_ message: JSON) { sendLine(message.encoded()) }

    func sendLine(_ bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes + [0x0A]))
    }

    /// The response with this id, waiting up to `timeout` seconds (stretched by VCON_TEST_SLOW).
    func response(id: JSON, timeout: TimeInterval = 30) throws -> JSON {
        let timeout = TestTiming.scaled(seconds: timeout)
        let key = id.encodedString(), deadline = Date().addingTimeInterval(timeout)
        condition.lock(); defer { condition.unlock() }
        while responses[key] == nil {
            if outputClosed { throw TestSetupError("server closed stdout before answering \(key); stderr: \(stderrTail)") }
            if !condition.wait(until: deadline) { throw TestSetupError("no response to \(key) within \(timeout)s; stderr: \(stderrTail)") }
        }
        return responses.removeValue(forKey: key)!
    }

    /// Every stdout line so far.
    var lines: [[UInt8]] { condition.lock(); defer { condition.unlock() }; return stdoutLines }

    var stderrText: String {
        condition.lock(); defer { condition.unlock() }
        return stderrTail
    }
    /// With the lock held.
    private var stderrTail: String { String(decoding: stderrBytes.suffix(4000), as: UTF8.self) }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Closes stdin and waits for the exit status (the server exits on EOF); `timeout` is stretched by VCON_TEST_SLOW.
    func finish(timeout: TimeInterval = 20) throws -> Int32 {
        let timeout = TestTiming.scaled(seconds: timeout)
        closeInput()
        let deadline = Date().addingTimeInterval(timeout)
        // Both pipes to their end: stderr may still hold the last words (a configuration error).
        condition.lock()
        while !(outputClosed && errorsClosed) { if !condition.wait(until: deadline) { break } }
        condition.unlock()
        let exitDeadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < exitDeadline else { process.terminate(); throw TestSetupError("server did not exit after stdin EOF") }
            // The process has closed stdout; its exit is imminent: yield briefly to reap it.
            usleep(2_000)
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}
