#if canImport(Glibc)
import Glibc
#endif
import JSONCore
import Logging
@testable import MCPProtocol
import Synchronization
import TestSupport
import Testing

/// Runs an `MCPServer` in-process over two pipes and speaks raw JSON-RPC lines to it.
/// Output is read on a dedicated thread, so a blocking read never ties up the cooperative pool.
final class PipeHarness: Sendable {
    let server: MCPServer
    private let toServer: Int32       // our write end of the server's input
    private let fromServer: Int32     // our read end of the server's output
    private let serverOutput: Int32   // the server's write end, closed once `run` returns
    private let runTask: Task<Int32, Never>
    private let inbox = Inbox()
    private let early = Mutex<[JSON]>([])

    /// `nonBlocking` hands the server O_NONBLOCK descriptors, as some parent processes do.
    init(_ server: MCPServer, nonBlocking: Bool = false) {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        precondition(pipe(&input) == 0 && pipe(&output) == 0)
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        if nonBlocking {
            for fd in [input[0], output[1]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        self.server = server
        toServer = input[1]
        fromServer = output[0]
        serverOutput = output[1]
        let (serverInput, serverOut) = (input[0], output[1])
        runTask = Task { let code = await server.run(input: serverInput, output: serverOut); close(serverInput); return code }
        let fd = fromServer, inbox = self.inbox
        SystemCalls.startThread {
            var splitter = LineSplitter(maxLineBytes: 1 << 30)
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { SystemCalls.read(fd, $0.baseAddress!, $0.count) }
                if n <= 0 { break }
                buffer.withUnsafeBufferPointer { b in
                    splitter.feed(UnsafeBufferPointer(rebasing: b[0..<n])) { event in
                        if case let .line(line) = event { inbox.push(Array(line)) }
                    }
                }
            }
            inbox.push(nil)
        }
    }

    convenience init(tools: [Tool] = TestTools.all, resources: (any ResourceProvider)? = TestResources(), prompts: [Prompt] = [TestTools.prompt],
                     completion: CompletionHandler? = TestTools.completion, options: ServerOptions = ServerOptions(pageSize: 2),
                     nonBlocking: Bool = false) {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        self.init(MCPServer(info: ServerInfo(name: "test-server", version: "1.2.3", title: "Test Server", instructions: "Be nice."),
                            tools: tools, resources: resources, prompts: prompts, completion: completion,
                            options: options, logger: logger), nonBlocking: nonBlocking)
    }

    // MARK: sending

    func sendRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { _ = SystemCalls.writeAll(toServer, $0) }
    }

    /// Writes from a separate thread (for input larger than a pipe holds while the server answers).
    func sendRawInBackground(_ bytes: [UInt8]) async {
        let fd = toServer
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            SystemCalls.startThread {
                bytes.withUnsafeBytes { _ = SystemCalls.writeAll(fd, $0) }
                c.resume()
            }
        }
    }

    func send(_ message: JSON) { sendRaw(message.encoded() + [0x0A]) }

    func request(_ id: Int, _ method: String, _ params: JSON? = nil) {
        var o: JSONObject = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { o["params"] = params }
        send(.object(o))
    }

    func notify(_ method: String, _ params: JSON? = nil) {
        var o: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
        if let params { o["params"] = params }
        send(.object(o))
    }

    // MARK: receiving

    /// The next output line parsed as JSON (nil at end of output).
    func next() async throws -> JSON? {
        guard let line = try await inbox.pop() else { return nil }
        return try JSON.parse(line)
    }

    func nextRawLine() async throws -> [UInt8]? { try await inbox.pop() }

    /// Waits for the response to `id`, skipping notifications. Responses may arrive in any
    /// order: answers to other ids met on the way are kept for their own `response` call.
    func response(_ id: Int) async throws -> JSON {
        if let kept = early.withLock({ e in e.firstIndex { $0["id"] == .int(id) }.map { e.remove(at: $0) } }) { return kept }
        while let message = try await next() {
            if message["id"] == .int(id) { return message }
            if message["id"] != nil { early.withLock { $0.append(message) } }
        }
        throw HarnessError.endOfOutput(id)
    }

    /// `initialize` at `version` plus `notifications/initialized`; returns the result.
    @discardableResult
    func handshake(_ version: String = "2025-11-25", id: Int = 0) async throws -> JSON {
        request(id, "initialize", ["protocolVersion": .string(version), "capabilities": [:], "clientInfo": ["name": "t", "version": "1"]])
        let r = try await response(id)
        notify("notifications/initialized")
        return r
    }

    /// Closes the server's input (EOF), waits for `run` to return, and returns its exit code
    /// and every line written after the last one read.
    func finish() async throws -> (code: Int32, rest: [JSON]) {
        close(toServer)
        // `run` must return soon after EOF (grace periods in tests are short).
        let task = runTask
        let exited = Mutex(false)
        let patience = TestTiming.scaled(.seconds(30))
        let watchdog = Task {
            try await Task.sleep(for: patience)
            if !exited.withLock({ $0 }) { Issue.record("server still running \(patience) after EOF") }
        }
        let code = await task.value
        exited.withLock { $0 = true }
        watchdog.cancel()
        close(serverOutput)
        var rest: [JSON] = []
        while let m = try await next() { rest.append(m) }
        close(fromServer)
        return (code, rest)
    }

    enum HarnessError: Error { case endOfOutput(Int), timedOut, serverDidNotExit }
}

/// Lines from the output thread, handed to async waiters in order; nil marks the end.
/// A wait gives up after a deadline, so a lost answer fails its test instead of hanging the run.
final class Inbox: Sendable {
    private typealias Waiter = (id: Int, continuation: CheckedContinuation<[UInt8]??, Never>)
    private struct State { var lines: [[UInt8]] = []; var head = 0; var waiters: [Waiter] = []; var ended = false; var nextID = 0 }
    private let state = Mutex(State())

    func push(_ line: [UInt8]?) {
        let waiters: [Waiter] = state.withLock { s in
            if let line {
                if !s.waiters.isEmpty { return [s.waiters.removeFirst()] }
                s.lines.append(line)
                return []
            }
            s.ended = true
            let all = s.waiters
            s.waiters = []
            return all
        }
        for w in waiters { w.continuation.resume(returning: .some(line)) }
    }

    /// The next line, nil at the end; throws when nothing arrived within `timeout` (stretched by VCON_TEST_SLOW).
    func pop(timeout: Duration = TestTiming.scaled(.seconds(30))) async throws -> [UInt8]? {
        let result: [UInt8]?? = await withCheckedContinuation { (c: CheckedContinuation<[UInt8]??, Never>) in
            let waiting: Int? = state.withLock { s in
                if s.head < s.lines.count {
                    s.head += 1
                    c.resume(returning: .some(s.lines[s.head - 1]))
                    return nil
                }
                if s.ended { c.resume(returning: .some(nil)); return nil }
                s.nextID += 1
                s.waiters.append((s.nextID, c))
                return s.nextID
            }
            guard let waiting else { return }
            Task {
                try? await Task.sleep(for: timeout)
                let expired: Waiter? = self.state.withLock { s in
                    guard let i = s.waiters.firstIndex(where: { $0.id == waiting }) else { return nil }
                    return s.waiters.remove(at: i)
                }
                expired?.continuation.resume(returning: .none)
            }
        }
        guard let result else { throw PipeHarness.HarnessError.timedOut }
        return result
    }
}
