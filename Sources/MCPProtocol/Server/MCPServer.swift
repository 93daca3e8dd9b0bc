import JSONCore
import Logging

// CONTRACT (stub): the MCPProtocol work implements this.
public final class MCPServer: Sendable {
    public init(info: ServerInfo, tools: [Tool], resources: (any ResourceProvider)?, prompts: [Prompt],
                completion: CompletionHandler?, options: ServerOptions = ServerOptions(), logger: Logger) {
        fatalError("MCPProtocol: not implemented yet")
    }

    /// Serves JSON-RPC over fds 0 and 1 until stdin EOF (or SIGTERM), lets in-flight requests
    /// finish within the grace period, and returns the process exit code (0 on a clean EOF).
    public func runStdio() async -> Int32 {
        fatalError("MCPProtocol: not implemented yet")
    }

    /// Serves over the given file descriptors (tests use pipes).
    public func run(input: Int32, output: Int32) async -> Int32 {
        fatalError("MCPProtocol: not implemented yet")
    }
}
