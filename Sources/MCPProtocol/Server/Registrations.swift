import JSONCore
import Logging

// What an application registers with `MCPServer`: tools, resources, prompts, completion. Plain
// values; the application never sees JSON-RPC.

public struct ToolAnnotations: Sendable, Equatable {
    public var readOnlyHint: Bool
    public var destructiveHint: Bool
    public var idempotentHint: Bool
    public var openWorldHint: Bool
    public init(readOnlyHint: Bool, destructiveHint: Bool, idempotentHint: Bool, openWorldHint: Bool = false) {
        self.readOnlyHint = readOnlyHint; self.destructiveHint = destructiveHint
        self.idempotentHint = idempotentHint; self.openWorldHint = openWorldHint
    }
}

/// One content block of a tool result or prompt message.
public enum ContentBlock: Sendable {
    case text(String)
    /// A text block whose text is the compact JSON encoding of the value; produced in one
    /// escaping pass over the encoded bytes (raw fragments included), never re-parsed.
    case jsonText(JSON)
    case resourceLink(uri: String, name: String, mimeType: String?, description: String?)
}

public struct ToolResult: Sendable {
    public var content: [ContentBlock]
    public var structuredContent: JSON?
    public var isError: Bool
    public init(content: [ContentBlock], structuredContent: JSON? = nil, isError: Bool = false) {
        self.content = content; self.structuredContent = structuredContent; self.isError = isError
    }
    /// Success with structured content and its JSON text mirror. Before 2025-06-18 the server
    /// drops `structuredContent` and keeps the mirror.
    public static func structured(_ value: JSON) -> ToolResult {
        ToolResult(content: [.jsonText(value)], structuredContent: value)
    }
    /// A failure the model can act on (`isError: true`), with a message that says what to do.
    public static func failure(_ message: String) -> ToolResult {
        ToolResult(content: [.text(message)], isError: true)
    }
}

/// Per-request facilities handed to handlers.
public struct RequestContext: Sendable {
    public let logger: Logger
    /// The negotiated (legacy) or requested (modern) protocol revision.
    public let protocolVersion: String
    /// Sends `notifications/progress` when the request carried a progressToken; a no-op otherwise.
    public let reportProgress: @Sendable (_ progress: Double, _ total: Double?, _ message: String?) async -> Void
    /// Sends `notifications/message` to the client when it asked for logs at this level or above
    /// (`logging/setLevel`, or the request's 2026-07-28 `_meta` log level); a no-op otherwise.
    /// Never put secrets or document content here: the client may show it to anyone.
    public let log: @Sendable (_ level: LoggingLevel, _ data: JSON) async -> Void
    public init(logger: Logger, protocolVersion: String,
                reportProgress: @escaping @Sendable (Double, Double?, String?) async -> Void = { _, _, _ in },
                log: @escaping @Sendable (LoggingLevel, JSON) async -> Void = { _, _ in }) {
        self.logger = logger; self.protocolVersion = protocolVersion; self.reportProgress = reportProgress
        self.log = log
    }
}

public typealias ToolHandler = @Sendable (_ arguments: JSONObject, _ context: RequestContext) async throws -> ToolResult

public struct Tool: Sendable {
    public var name: String
    public var title: String
    public var description: String
    public var inputSchema: JSON
    public var outputSchema: JSON?
    public var annotations: ToolAnnotations
    public var handler: ToolHandler
    public init(name: String, title: String, description: String, inputSchema: JSON, outputSchema: JSON?,
                annotations: ToolAnnotations, handler: @escaping ToolHandler) {
        self.name = name; self.title = title; self.description = description; self.inputSchema = inputSchema
        self.outputSchema = outputSchema; self.annotations = annotations; self.handler = handler
    }
}

public struct Resource: Sendable {
    public var uri: String
    public var name: String
    public var title: String?
    public var description: String?
    public var mimeType: String?
    public init(uri: String, name: String, title: String? = nil, description: String? = nil, mimeType: String? = nil) {
        self.uri = uri; self.name = name; self.title = title; self.description = description; self.mimeType = mimeType
    }
}

public struct ResourceTemplate: Sendable {
    public var uriTemplate: String
    public var name: String
    public var title: String?
    public var description: String?
    public var mimeType: String?
    public init(uriTemplate: String, name: String, title: String? = nil, description: String? = nil, mimeType: String? = nil) {
        self.uriTemplate = uriTemplate; self.name = name; self.title = title; self.description = description; self.mimeType = mimeType
    }
}

public struct ResourceContents: Sendable {
    public enum Body: Sendable {
        case text(String)
        /// JSON text spliced from pre-encoded bytes, escaped in one pass (no re-encoding).
        case jsonText(RawJSON)
        case blob(base64: String)
    }
    public var uri: String
    public var mimeType: String?
    public var body: Body
    public init(uri: String, mimeType: String?, body: Body) { self.uri = uri; self.mimeType = mimeType; self.body = body }
}

public struct ResourcePage: Sendable {
    public var resources: [Resource]
    public var nextCursor: String?
    public init(resources: [Resource], nextCursor: String?) { self.resources = resources; self.nextCursor = nextCursor }
}

/// Resources of an application. `read` throws `MCPError.resourceNotFound(uri:)` for an unknown
/// uri; the server maps it to the code of the request's era.
public protocol ResourceProvider: Sendable {
    func list(cursor: String?, context: RequestContext) async throws -> ResourcePage
    func templates() -> [ResourceTemplate]
    func read(uri: String, context: RequestContext) async throws -> [ResourceContents]
}

public struct PromptArgument: Sendable {
    public var name: String
    public var description: String?
    public var required: Bool
    public init(name: String, description: String? = nil, required: Bool = false) {
        self.name = name; self.description = description; self.required = required
    }
}

public struct PromptMessage: Sendable {
    public enum Role: String, Sendable { case user, assistant }
    public var role: Role
    public var content: ContentBlock
    public init(role: Role, content: ContentBlock) { self.role = role; self.content = content }
}

public struct PromptResult: Sendable {
    public var description: String?
    public var messages: [PromptMessage]
    public init(description: String? = nil, messages: [PromptMessage]) { self.description = description; self.messages = messages }
}

public struct Prompt: Sendable {
    public var name: String
    public var title: String?
    public var description: String?
    public var arguments: [PromptArgument]
    /// Missing required arguments are refused by the server (-32602) before this runs.
    public var handler: @Sendable (_ arguments: [String: String], _ context: RequestContext) async throws -> PromptResult
    public init(name: String, title: String? = nil, description: String? = nil, arguments: [PromptArgument],
                handler: @escaping @Sendable ([String: String], RequestContext) async throws -> PromptResult) {
        self.name = name; self.title = title; self.description = description; self.arguments = arguments; self.handler = handler
    }
}

public struct CompletionRequest: Sendable {
    public enum Reference: Sendable, Equatable { case prompt(name: String), resourceTemplate(uri: String) }
    public var reference: Reference
    public var argumentName: String
    public var argumentValue: String
    public var contextArguments: [String: String]
    public init(reference: Reference, argumentName: String, argumentValue: String, contextArguments: [String: String] = [:]) {
        self.reference = reference; self.argumentName = argumentName; self.argumentValue = argumentValue
        self.contextArguments = contextArguments
    }
}

public struct CompletionResult: Sendable {
    public var values: [String]   // at most 100 are sent
    public var total: Int?
    public var hasMore: Bool
    public init(values: [String], total: Int? = nil, hasMore: Bool = false) { self.values = values; self.total = total; self.hasMore = hasMore }
}

public typealias CompletionHandler = @Sendable (_ request: CompletionRequest, _ context: RequestContext) async throws -> CompletionResult

/// A JSON-RPC error a handler may throw on purpose; anything else becomes -32603 with a generic message.
public struct MCPError: Error, Sendable, Equatable {
    public let code: Int
    public let message: String
    public let data: JSON?
    public init(code: Int, message: String, data: JSON? = nil) { self.code = code; self.message = message; self.data = data }

    public static func invalidParams(_ message: String) -> MCPError { MCPError(code: -32602, message: message) }
    /// -32002 in the legacy era, -32602 in 2026-07-28: the server rewrites the code per request.
    public static func resourceNotFound(uri: String) -> MCPError {
        MCPError(code: -32002, message: "Resource not found: \(uri)", data: ["uri": .string(uri)])
    }
}

public struct ServerInfo: Sendable {
    public var name: String
    public var version: String
    public var title: String?
    public var instructions: String?
    public init(name: String, version: String, title: String? = nil, instructions: String? = nil) {
        self.name = name; self.version = version; self.title = title; self.instructions = instructions
    }
}

public struct ServerOptions: Sendable {
    /// A line longer than this is answered with an error and dropped (default 64 MiB).
    public var maxLineBytes: Int
    /// Items per page of every list method.
    public var pageSize: Int
    /// How long in-flight requests may run after stdin EOF before exit.
    public var shutdownGraceSeconds: Double
    /// 2026-07-28 `ttlMs` of results fixed for the life of the process (discover, tool, prompt
    /// and template lists). Resource lists and reads always say 0 (`private`).
    public var staticListTTLMilliseconds: Int
    /// Requests handled at once. At the limit the server stops reading input until one finishes
    /// (a request still waiting after 5 s is answered "server busy", -32603, and reading goes on).
    public var maxConcurrentRequests: Int
    /// How long a request waits for a free slot before it is refused as busy (tests shorten it).
    var busyWaitSeconds: Double = 5
    public init(maxLineBytes: Int = 64 << 20, pageSize: Int = 50, shutdownGraceSeconds: Double = 10,
                staticListTTLMilliseconds: Int = 300_000, maxConcurrentRequests: Int = 1024) {
        self.maxLineBytes = maxLineBytes; self.pageSize = max(1, pageSize); self.shutdownGraceSeconds = shutdownGraceSeconds
        self.staticListTTLMilliseconds = max(0, staticListTTLMilliseconds)
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
    }
}
