import JSONCore

extension MCPServer {
    func listTools(_ call: Call) throws(MCPError) -> JSONObject {
        let (page, next) = try PageCursor.page(tools, params: call.params, list: "tools", pageSize: options.pageSize)
        var result: JSONObject = ["tools": .array(page.map { describe($0, revision: call.revision) })]
        if let next { result["nextCursor"] = .string(next) }
        return result
    }

    func describe(_ tool: Tool, revision: ProtocolRevision) -> JSON {
        var o: JSONObject = ["name": .string(tool.name)]
        if revision.hasStructuredOutput { o["title"] = .string(tool.title) }
        o["description"] = .string(tool.description)
        o["inputSchema"] = tool.inputSchema
        if revision.hasStructuredOutput, let output = tool.outputSchema { o["outputSchema"] = output }
        if revision.hasAnnotations {
            let a = tool.annotations
            o["annotations"] = [
                "readOnlyHint": .bool(a.readOnlyHint), "destructiveHint": .bool(a.destructiveHint),
                "idempotentHint": .bool(a.idempotentHint), "openWorldHint": .bool(a.openWorldHint),
            ]
        }
        return .object(o)
    }

    /// `tools/call`: unknown tool → -32602; arguments that fail the input schema → an `isError`
    /// result from 2025-11-25 on (the model can fix them), -32602 before.
    func callTool(_ call: Call) async throws -> JSONObject {
        guard case let .string(name)? = call.params["name"] else {
            throw MCPError.invalidParams("Invalid params: \"name\" must be a string")
        }
        guard let index = toolIndex[name] else {
            throw MCPError(code: ErrorCode.invalidParams, message: "Unknown tool: \(name)", data: ["name": .string(name)])
        }
        let tool = tools[index]
        let arguments: JSONObject
        switch call.params["arguments"] {
        case nil, .null?: arguments = JSONObject()
        case let .object(o)?: arguments = o
        case let other?:
            throw MCPError.invalidParams("Invalid params: \"arguments\" must be an object, not \(other.kindName)")
        }
        let issues = SchemaValidator.validate(.object(arguments), against: tool.inputSchema)
        if !issues.isEmpty {
            let message = "Invalid arguments for tool \(name): " + issues.joined(separator: "; ")
            if call.revision.inputErrorsAreToolResults { return encode(.failure(message), revision: call.revision) }
            throw MCPError.invalidParams(message)
        }
        let result = try await tool.handler(arguments, call.context)
        try Task.checkCancellation()
        return encode(result, revision: call.revision)
    }

    func encode(_ result: ToolResult, revision: ProtocolRevision) -> JSONObject {
        var o: JSONObject = ["content": .array(result.content.map { ContentEncoding.block($0, revision: revision) })]
        if revision.hasStructuredOutput, let structured = result.structuredContent { o["structuredContent"] = structured }
        if result.isError { o["isError"] = true }
        return o
    }
}
