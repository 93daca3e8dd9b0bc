#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import JSONCore
import Logging
import Synchronization

/// An MCP server over newline-delimited JSON-RPC on a pair of file descriptors.
///
/// Serves both protocol eras: `initialize` puts a connection in the handshake era (2024-11-05 …
/// 2025-11-25, output gated by the negotiated revision); requests that carry the 2026-07-28
/// `_meta` are served statelessly. Requests run concurrently, one task each.
public final class MCPServer: Sendable {
    let info: ServerInfo
    let tools: [Tool]
    let toolIndex: [String: Int]
    let resources: (any ResourceProvider)?
    let prompts: [Prompt]
    let promptIndex: [String: Int]
    let completion: CompletionHandler?
    let options: ServerOptions
    let logger: Logger
    private let current = Mutex<Connection?>(nil)

    public init(info: ServerInfo, tools: [Tool], resources: (any ResourceProvider)?, prompts: [Prompt],
                completion: CompletionHandler?, options: ServerOptions = ServerOptions(), logger: Logger) {
        self.info = info
        self.tools = tools
        var index: [String: Int] = [:]
        for (i, tool) in tools.enumerated() where index[tool.name] == nil { index[tool.name] = i }
        self.toolIndex = index
        self.resources = resources
        self.prompts = prompts
        var pIndex: [String: Int] = [:]
        for (i, prompt) in prompts.enumerated() where pIndex[prompt.name] == nil { pIndex[prompt.name] = i }
        self.promptIndex = pIndex
        self.completion = completion
        self.options = options
        self.logger = logger
        if index.count != tools.count { logger.warning("duplicate tool names registered; the first of each wins") }
        for tool in tools where !Self.isValidToolName(tool.name) {
            logger.warning("tool name outside [A-Za-z0-9_.-]{1,128} (2025-11-25 rule)", metadata: ["tool": "\(tool.name)"])
        }
    }

    /// 2025-11-25: 1 to 128 characters of `[A-Za-z0-9_.-]`.
    static func isValidToolName(_ name: String) -> Bool {
        (1...128).contains(name.utf8.count) && name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2E || c == 0x2D
        }
    }

    /// Serves JSON-RPC over fds 0 and 1 until stdin EOF (or SIGTERM), lets in-flight requests
    /// finish within the grace period, and returns the process exit code (0 on a clean EOF).
    public func runStdio() async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: DispatchQueue(label: "mcp.sigterm"))
        let terminated = Mutex<Connection?>(nil)
        source.setEventHandler { [logger] in
            logger.info("SIGTERM: shutting down as on end of input")
            terminated.withLock { $0 }?.end()
        }
        source.resume()
        defer { source.cancel() }
        return await run(input: 0, output: 1) { connection in terminated.withLock { $0 = connection } }
    }

    /// Serves over the given file descriptors (tests use pipes).
    public func run(input: Int32, output: Int32) async -> Int32 {
        await run(input: input, output: output) { _ in }
    }

    private func run(input: Int32, output: Int32, started: (Connection) -> Void) async -> Int32 {
        let connection = Connection(writer: FrameWriter(fd: output), maxConcurrentRequests: options.maxConcurrentRequests,
                                    busyWaitSeconds: options.busyWaitSeconds)
        current.withLock { $0 = connection }
        started(connection)
        logger.debug("serving MCP", metadata: ["input": "\(input)", "output": "\(output)"])
        LineReader.start(
            fd: input, maxLineBytes: options.maxLineBytes,
            shouldStop: { connection.hasEnded },
            onEvent: { [self] event, moreInChunk in
                switch event {
                case let .line(bytes):
                    connection.mayRunInline = !moreInChunk
                    connection.readerExecutor.serve { receive(line: bytes, on: connection) }
                case .oversized:
                    logger.warning("dropped an input line over the maximum", metadata: ["maxLineBytes": "\(options.maxLineBytes)"])
                    connection.writer.send(Frames.error(
                        id: nil, code: ErrorCode.invalidRequest,
                        message: "Invalid Request: message longer than \(options.maxLineBytes) bytes; it was dropped"))
                }
            },
            onEnd: { connection.end() })
        await connection.waitForEnd()
        logger.debug("end of input; waiting for requests in flight")
        let grace = options.shutdownGraceSeconds.isFinite ? min(max(0, options.shutdownGraceSeconds), 86_400) : 86_400
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(grace * 1000)))
        if await !finishes(before: deadline, { await connection.drained() }) {
            logger.warning("requests still running after the shutdown grace period; cancelling them")
            connection.cancelAll()
            // Cancelled handlers usually stop at once; give them a moment to wind down.
            if await !finishes(before: deadline.advanced(by: .seconds(1)), { await connection.drained() }) {
                logger.warning("some handlers ignored cancellation; leaving them behind")
                connection.cancelAll()
            }
        }
        if await !finishes(before: deadline.advanced(by: .seconds(2)), { await connection.writer.flush() }) {
            logger.warning("output not flushed (the client stopped reading)")
        }
        current.withLock { if $0 === connection { $0 = nil } }
        return 0
    }

    /// Runs `operation` and reports whether it returned before `deadline` (it is left running otherwise).
    private func finishes(before deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async -> Void) async -> Bool {
        let once = Mutex<CheckedContinuation<Bool, Never>?>(nil)
        return await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            once.withLock { $0 = c }
            let resume: @Sendable (Bool) -> Void = { value in once.withLock { c in let x = c; c = nil; return x }?.resume(returning: value) }
            let timer = Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                resume(false)
            }
            Task {
                await operation()
                resume(true)
                timer.cancel()
            }
        }
    }

    /// Sends `notifications/message` to a handshake-era client that asked for logs at `level` or
    /// above (`logging/setLevel`); a no-op otherwise.
    public func sendLog(_ level: LoggingLevel, _ data: JSON, logger name: String? = nil) async {
        guard let connection = current.withLock({ $0 }) else { return }
        let wanted = connection.state.withLock { $0.negotiated != nil ? $0.logLevel : nil }
        guard let wanted, level >= wanted else { return }
        var params: JSONObject = ["level": .string(level.rawValue), "data": data]
        if let name { params["logger"] = .string(name) }
        await connection.writer.write(Frames.notification(method: "notifications/message", params: params))
    }
}
