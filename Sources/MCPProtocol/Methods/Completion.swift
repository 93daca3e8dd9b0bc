import JSONCore

extension MCPServer {
    /// `completion/complete {ref, argument, context?}` → `{completion: {values ≤ 100, total?, hasMore}}`.
    func complete(_ call: Call) async throws -> JSONObject {
        guard let completion else { throw MCPError(code: ErrorCode.methodNotFound, message: "Method not found: completion/complete") }
        guard let ref = call.params["ref"]?.objectValue, case let .string(type)? = ref["type"] else {
            throw MCPError.invalidParams("Invalid params: \"ref\" must be an object with a \"type\"")
        }
        let reference: CompletionRequest.Reference
        switch (type, ref["name"], ref["uri"]) {
        case let ("ref/prompt", .string(name)?, _):
            guard promptIndex[name] != nil else { throw MCPError.invalidParams("Invalid params: unknown prompt \(name)") }
            reference = .prompt(name: name)
        case let ("ref/resource", _, .string(uri)?):
            reference = .resourceTemplate(uri: uri)
        default:
            throw MCPError.invalidParams("Invalid params: \"ref\" must be {type: \"ref/prompt\", name} or {type: \"ref/resource\", uri}")
        }
        guard let argument = call.params["argument"]?.objectValue,
              case let .string(argName)? = argument["name"], case let .string(argValue)? = argument["value"] else {
            throw MCPError.invalidParams("Invalid params: \"argument\" must be {name, value} with string members")
        }
        var contextArguments: [String: String] = [:]
        if let args = call.params["context"]?["arguments"]?.objectValue {
            for (k, v) in args { if case let .string(s) = v { contextArguments[k] = s } }
        }
        let request = CompletionRequest(reference: reference, argumentName: argName, argumentValue: argValue,
                                        contextArguments: contextArguments)
        let answer = try await completion(request, call.context)
        try Task.checkCancellation()
        let values = answer.values.prefix(100)
        var body: JSONObject = ["values": .array(values.map { .string($0) })]
        if let total = answer.total { body["total"] = .int(total) }
        body["hasMore"] = .bool(answer.hasMore || answer.values.count > values.count)
        return ["completion": .object(body)]
    }
}
