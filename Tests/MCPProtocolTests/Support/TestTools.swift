import Dispatch
import JSONCore
@testable import MCPProtocol
import Synchronization

/// Tools, a resource provider and a prompt that exercise the server in tests.
enum TestTools {
    static let readOnly = ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true)

    /// Echoes its arguments as structured content.
    static let echo = Tool(
        name: "echo", title: "Echo", description: "Returns its arguments.",
        inputSchema: ["type": "object",
                      "properties": ["text": ["type": "string", "maxLength": 20], "count": ["type": "integer", "minimum": 0, "maximum": 10]],
                      "required": ["text"], "additionalProperties": false],
        outputSchema: ["type": "object"], annotations: readOnly,
        handler: { args, _ in .structured(.object(args)) })

    /// Returns `size` bytes of text containing `marker` (1 MiB by default), with characters that need escaping.
    static let big = Tool(
        name: "big", title: "Big", description: "A large result.",
        inputSchema: ["type": "object", "properties": ["marker": ["type": "integer"], "size": ["type": "integer"]]],
        outputSchema: nil, annotations: readOnly,
        handler: { args, _ in
            let size = args["size"]?.intValue ?? (1 << 20)
            let marker = args["marker"]?.intValue ?? 0
            let unit = "line \"\(marker)\"\n\t\\ é ✓ "
            var text = String(repeating: unit, count: size / unit.utf8.count + 1)
            text = String(decoding: Array(text.utf8.prefix(size - 1)), as: UTF8.self)
            return ToolResult(content: [.text(text)])
        })

    /// Reports progress 0 once running (so a test knows the handler started), then waits until
    /// cancelled (or 60 s), recording that it saw the cancellation.
    static let cancelSeen = Mutex<Set<Int>>([])
    static let slow = Tool(
        name: "slow", title: "Slow", description: "Waits until cancelled.",
        inputSchema: ["type": "object", "properties": ["tag": ["type": "integer"]]],
        outputSchema: nil, annotations: readOnly,
        handler: { args, context in
            await context.reportProgress(0, nil, "started")
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                let tag = args["tag"]?.intValue ?? 0
                _ = cancelSeen.withLock { $0.insert(tag) }
                throw error
            }
            return ToolResult(content: [.text("woke")])
        })

    /// Finishes after a short, real delay: stands for work still running at EOF.
    static let delayed = Tool(
        name: "delayed", title: "Delayed", description: "Answers after a short delay.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: readOnly,
        handler: { _, _ in
            try await Task.sleep(for: .milliseconds(300))
            return ToolResult(content: [.text("done")])
        })

    /// Reports progress 1, 1 (dropped: not increasing), 2, 3 of 3.
    static let progress = Tool(
        name: "progress", title: "Progress", description: "Reports progress.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: readOnly,
        handler: { _, context in
            await context.reportProgress(1, 3, "one")
            await context.reportProgress(1, 3, "again")
            await context.reportProgress(2, 3, "two")
            await context.reportProgress(3, 3, nil)
            return ToolResult(content: [.text("progressed")])
        })

    /// Returns a resource link and JSON text with a raw fragment.
    static let links = Tool(
        name: "links", title: "Links", description: "Returns a resource link.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: readOnly,
        handler: { _, _ in
            ToolResult(content: [.resourceLink(uri: "test://doc/1", name: "doc 1", mimeType: "application/json", description: "the first"),
                                 .jsonText(["raw": .raw(RawJSON(unchecked: Array("{\"a\":\n [1, \"x\\ny\"]}".utf8)))])])
        })

    struct Boom: Error {}
    static let failing = Tool(
        name: "failing", title: "Failing", description: "Throws.",
        inputSchema: ["type": "object", "properties": ["mcp": ["type": "boolean"]]], outputSchema: nil, annotations: readOnly,
        handler: { args, _ in
            if args["mcp"] == true { throw MCPError(code: -31000, message: "custom failure", data: ["why": "test"]) }
            throw Boom()
        })

    /// Logs at debug and at warning, then answers.
    static let chatty = Tool(
        name: "chatty", title: "Chatty", description: "Logs to the client.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: readOnly,
        handler: { _, context in
            await context.log(.debug, "fine detail")
            await context.log(.warning, ["note": "careful"])
            return ToolResult(content: [.text("said it")])
        })

    /// Says whether its handler runs on the reader thread serving a lone request, or elsewhere.
    static let whereami = Tool(
        name: "whereami", title: "Where am I", description: "Says where the handler runs.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: readOnly,
        handler: { _, _ in ToolResult(content: [.text(whereHandlerRuns())]) })

    static func whereHandlerRuns() -> String { MCPServer.currentThreadMayBlock ? "reader" : "elsewhere" }

    /// Waits for a continuation that a dispatch thread resumes (not a Swift timer), then names its thread.
    static let resumedElsewhere = Tool(
        name: "resumed_elsewhere", title: "Resumed elsewhere", description: "Resumed by a foreign thread.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: readOnly,
        handler: { _, _ in
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) { c.resume() }
            }
            return ToolResult(content: [.text(whereHandlerRuns())])
        })

    /// Reports progress 0 (so a test knows it runs), waits 100 ms for a dispatch thread, then answers.
    static let paced = Tool(
        name: "paced", title: "Paced", description: "Starts, waits a little elsewhere, answers.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: readOnly,
        handler: { _, context in
            await context.reportProgress(0, nil, "started")
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) { c.resume() }
            }
            return ToolResult(content: [.text("paced")])
        })

    static let all = [echo, big, slow, delayed, progress, links, failing, chatty, whereami, resumedElsewhere, paced]

    static let prompt = Prompt(
        name: "greet", title: "Greet", description: "Greets someone.",
        arguments: [PromptArgument(name: "name", description: "who", required: true), PromptArgument(name: "tone")],
        handler: { args, _ in
            PromptResult(description: "greeting", messages: [PromptMessage(role: .user, content: .text("Hello \(args["name"]!)"))])
        })

    static let completion: CompletionHandler = { request, _ in
        let all = (0..<150).map { "\(request.argumentValue)\($0)" }
        return CompletionResult(values: all, total: all.count)
    }
}

/// Five resources (paged two at a time by the provider) and one template.
struct TestResources: ResourceProvider {
    func list(cursor: String?, context: RequestContext) async throws -> ResourcePage {
        let start = cursor.flatMap { Int($0) } ?? 0
        guard cursor == nil || (start > 0 && start < 5) else { throw MCPError.invalidParams("bad cursor") }
        let end = min(5, start + 2)
        return ResourcePage(resources: (start..<end).map { Resource(uri: "test://doc/\($0)", name: "doc \($0)", title: "Doc \($0)") },
                            nextCursor: end < 5 ? String(end) : nil)
    }

    func templates() -> [ResourceTemplate] { [ResourceTemplate(uriTemplate: "test://doc/{n}", name: "doc", title: "Doc")] }

    func read(uri: String, context: RequestContext) async throws -> [ResourceContents] {
        switch uri {
        case "test://doc/1": return [ResourceContents(uri: uri, mimeType: "application/json", body: .jsonText(RawJSON(unchecked: Array(#"{"n":1,"s":"a\"b"}"#.utf8))))]
        case "test://doc/2": return [ResourceContents(uri: uri, mimeType: "text/plain", body: .text("two"))]
        default: throw MCPError.resourceNotFound(uri: uri)
        }
    }
}
