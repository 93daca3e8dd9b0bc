import JSONCore

extension MCPServer {
    func listPrompts(_ call: Call) throws(MCPError) -> JSONObject {
        let (page, next) = try PageCursor.page(prompts, params: call.params, list: "prompts", pageSize: options.pageSize)
        var result: JSONObject = ["prompts": .array(page.map { describe($0, revision: call.revision) })]
        if let next { result["nextCursor"] = .string(next) }
        return result
    }

    func describe(_ p: Prompt, revision: ProtocolRevision) -> JSON {
        var o: JSONObject = ["name": .string(p.name)]
        if revision.hasStructuredOutput, let title = p.title { o["title"] = .string(title) }
        if let d = p.description { o["description"] = .string(d) }
        o["arguments"] = .array(p.arguments.map { a in
            var arg: JSONObject = ["name": .string(a.name)]
            if let d = a.description { arg["description"] = .string(d) }
            arg["required"] = .bool(a.required)
            return .object(arg)
        })
        return .object(o)
    }

    /// `prompts/get`: unknown prompt, non-string values or missing required arguments → -32602.
    func getPrompt(_ call: Call) async throws -> JSONObject {
        guard case let .string(name)? = call.params["name"] else {
            throw MCPError.invalidParams("Invalid params: \"name\" must be a string")
        }
        guard let index = promptIndex[name] else { throw MCPError.invalidParams("Invalid params: unknown prompt \(name)") }
        let prompt = prompts[index]
        var arguments: [String: String] = [:]
        switch call.params["arguments"] {
        case nil, .null?: break
        case let .object(o)?:
            for (key, value) in o {
                guard case let .string(s) = value else {
                    throw MCPError.invalidParams("Invalid params: argument \(key) must be a string, not \(value.kindName)")
                }
                arguments[key] = s
            }
        case let other?:
            throw MCPError.invalidParams("Invalid params: \"arguments\" must be an object, not \(other.kindName)")
        }
        let missing = prompt.arguments.filter { $0.required && arguments[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            throw MCPError.invalidParams("Invalid params: prompt \(name) needs argument(s) \(missing.joined(separator: ", "))")
        }
        let result = try await prompt.handler(arguments, call.context)
        try Task.checkCancellation()
        var o: JSONObject = [:]
        if let d = result.description { o["description"] = .string(d) }
        o["messages"] = .array(result.messages.map { m in
            ["role": .string(m.role.rawValue), "content": ContentEncoding.block(m.content, revision: call.revision)]
        })
        return o
    }
}
