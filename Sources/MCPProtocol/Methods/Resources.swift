import JSONCore

extension MCPServer {
    /// `resources/list`: the provider pages itself; its cursors pass through untouched.
    func listResources(_ call: Call) async throws -> JSONObject {
        guard let resources else { throw MCPError(code: ErrorCode.methodNotFound, message: "Method not found: resources/list") }
        let page = try await resources.list(cursor: try PageCursor.param(call.params), context: call.context)
        var result: JSONObject = ["resources": .array(page.resources.map { describe($0, revision: call.revision) })]
        if let next = page.nextCursor { result["nextCursor"] = .string(next) }
        return result
    }

    func listResourceTemplates(_ call: Call) throws(MCPError) -> JSONObject {
        let templates = resources?.templates() ?? []
        let (page, next) = try PageCursor.page(templates, params: call.params, list: "templates", pageSize: options.pageSize)
        var result: JSONObject = ["resourceTemplates": .array(page.map { describe($0, revision: call.revision) })]
        if let next { result["nextCursor"] = .string(next) }
        return result
    }

    func readResource(_ call: Call) async throws -> JSONObject {
        guard let resources else { throw MCPError(code: ErrorCode.methodNotFound, message: "Method not found: resources/read") }
        guard case let .string(uri)? = call.params["uri"] else {
            throw MCPError.invalidParams("Invalid params: \"uri\" must be a string")
        }
        let contents = try await resources.read(uri: uri, context: call.context)
        try Task.checkCancellation()
        return ["contents": .array(contents.map(ContentEncoding.resourceContents))]
    }

    func describe(_ r: Resource, revision: ProtocolRevision) -> JSON {
        var o: JSONObject = ["uri": .string(r.uri), "name": .string(r.name)]
        if revision.hasStructuredOutput, let title = r.title { o["title"] = .string(title) }
        if let d = r.description { o["description"] = .string(d) }
        if let m = r.mimeType { o["mimeType"] = .string(m) }
        return .object(o)
    }

    func describe(_ t: ResourceTemplate, revision: ProtocolRevision) -> JSON {
        var o: JSONObject = ["uriTemplate": .string(t.uriTemplate), "name": .string(t.name)]
        if revision.hasStructuredOutput, let title = t.title { o["title"] = .string(title) }
        if let d = t.description { o["description"] = .string(d) }
        if let m = t.mimeType { o["mimeType"] = .string(m) }
        return .object(o)
    }
}
