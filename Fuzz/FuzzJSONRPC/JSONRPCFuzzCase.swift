#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import JSONCore
import Logging
import MCPProtocol

/// One fuzz input as the whole stdin of an `MCPServer` (framing, decoding, dispatch, schema
/// checks), plus the JSON parser and writer on the same bytes. The line splitter and codec are
/// internal to MCPProtocol, so they are reached through `run(input:output:)` over pipes.
/// Broken invariants trap.
enum JSONRPCFuzzCase {
    static let echo = Tool(
        name: "echo", title: "Echo", description: "Returns its arguments.",
        inputSchema: ["type": "object",
                      "properties": ["text": ["type": "string", "maxLength": 20],
                                     "count": ["type": "integer", "minimum": 0, "maximum": 10],
                                     "tags": ["type": "array", "items": ["type": "string"]],
                                     "mode": ["type": "string", "enum": ["a", "b"]]],
                      "required": ["text"], "additionalProperties": false],
        outputSchema: ["type": "object"],
        annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true),
        handler: { args, _ in .structured(.object(args)) })

    static let server: MCPServer = {
        var logger = Logger(label: "fuzz")
        logger.logLevel = .critical
        // A small line limit so short inputs reach the oversized-line path too.
        return MCPServer(info: ServerInfo(name: "fuzz", version: "0"), tools: [echo], resources: nil, prompts: [],
                         completion: nil, options: ServerOptions(maxLineBytes: 512, pageSize: 1, shutdownGraceSeconds: 5),
                         logger: logger)
    }()

    static func run(_ bytes: [UInt8]) {
        checkJSON(bytes)
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) { checkJSON(Array(line)) }
        checkServer(bytes)
    }

    /// Parse, encode, parse again: the same value; the encoding is valid UTF-8 JSON.
    static func checkJSON(_ bytes: [UInt8]) {
        guard let value = try? JSON.parse(bytes) else { return }
        let encoded = value.encoded()
        check((try? JSON.parse(encoded)) == value, "JSON encode/parse round trip differs")
        check(String(validating: encoded, as: UTF8.self) != nil, "encoder wrote invalid UTF-8")
    }

    /// Every output line is one JSON-RPC 2.0 message; the server exits 0 on end of input.
    static func checkServer(_ bytes: [UInt8]) {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { fatalError("pipe failed") }
        let (serverIn, toServer, fromServer, serverOut) = (input[0], input[1], output[0], output[1])
        let done = DispatchSemaphore(value: 0)
        let exit = ExitBox()
        Task.detached {
            exit.code = await server.run(input: serverIn, output: serverOut)
            close(serverOut); close(serverIn)
            done.signal()
        }
        let writer = DispatchSemaphore(value: 0)
        Thread.detach {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(toServer, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; break }
                    offset += n
                }
            }
            close(toServer)
            writer.signal()
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fromServer, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        close(fromServer)
        writer.wait()
        done.wait()
        check(exit.code == 0, "server did not exit 0 on end of input")
        for line in out.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            guard let message = try? JSON.parse(Array(line)) else { fatalError("server wrote a line that is not JSON") }
            check(message["jsonrpc"] == "2.0", "server message without jsonrpc 2.0")
            if message["method"] == nil {
                check(message["id"] != nil, "response without id")
                check((message["result"] == nil) != (message["error"] == nil), "response needs exactly one of result/error")
            }
        }
        check(out.isEmpty || out.last == 0x0A, "output does not end with a newline")
    }

    static func check(_ condition: Bool, _ message: StaticString) {
        if !condition { fatalError("\(message)") }
    }
}

/// A detached POSIX thread (Foundation-free).
enum Thread {
    final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }

    static func detach(_ body: @escaping @Sendable () -> Void) {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body) as AnyObject).toOpaque()
        let rc = pthread_create(&thread, nil, { raw in
            let box = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue() as! Thread.Box
            box.body()
            return nil
        }, box)
        precondition(rc == 0)
        pthread_detach(thread)
    }
}

/// The server's exit code, handed over under the semaphore that signals its end.
final class ExitBox: @unchecked Sendable { var code: Int32 = -1 }
