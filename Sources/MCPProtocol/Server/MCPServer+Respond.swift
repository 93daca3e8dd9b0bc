import JSONCore
import Logging

extension MCPServer {
    /// Runs one request to its response frame. Handler errors become JSON-RPC errors: an
    /// `MCPError` as it is (resource-not-found recoded for the era), anything else -32603.
    func respond(to call: Call) async -> [UInt8] {
        let started = ContinuousClock.now
        defer {
            call.context.logger.debug("request done", metadata: ["ms": "\((ContinuousClock.now - started).milliseconds)"])
        }
        do {
            var result = try await route(call)
            if call.revision.isStateless { decorateStateless(&result, method: call.method) }
            return Frames.result(id: call.id, .object(result))
        } catch let error as MCPError {
            var error = error
            if error.code == ErrorCode.resourceNotFound {
                error = MCPError(code: call.revision.resourceNotFoundCode, message: error.message, data: error.data)
            }
            return Frames.error(id: call.id, error)
        } catch is CancellationError {
            return Frames.error(id: call.id, code: ErrorCode.internalError, message: "Request cancelled")
        } catch {
            call.context.logger.error("request failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            return Frames.error(id: call.id, code: ErrorCode.internalError, message: "Internal error")
        }
    }

    private func route(_ call: Call) async throws -> JSONObject {
        let stateless = call.revision.isStateless
        switch call.method {
        case "server/discover": return discover()
        case "ping" where !stateless: return [:]
        case "logging/setLevel" where !stateless: return try setLevel(call)
        case "tools/list" where !tools.isEmpty: return try listTools(call)
        case "tools/call" where !tools.isEmpty: return try await callTool(call)
        case "resources/list" where resources != nil: return try await listResources(call)
        case "resources/templates/list" where resources != nil: return try listResourceTemplates(call)
        case "resources/read" where resources != nil: return try await readResource(call)
        case "prompts/list" where !prompts.isEmpty: return try listPrompts(call)
        case "prompts/get" where !prompts.isEmpty: return try await getPrompt(call)
        case "completion/complete" where completion != nil: return try await complete(call)
        default:
            throw MCPError(code: ErrorCode.methodNotFound, message: "Method not found: \(call.method)")
        }
    }

    /// 2026-07-28: every result says it is complete and names the server; cacheable results
    /// carry a time-to-live and a scope.
    private func decorateStateless(_ result: inout JSONObject, method: String) {
        result["resultType"] = "complete"
        switch method {
        case "server/discover", "tools/list", "prompts/list", "resources/templates/list":
            // Fixed for the life of the process and free of user data.
            result["ttlMs"] = .int(options.staticListTTLMilliseconds)
            result["cacheScope"] = "public"
        case "resources/list", "resources/read":
            // Application data that may change at any time.
            result["ttlMs"] = 0
            result["cacheScope"] = "private"
        default:
            break
        }
        var meta = result["_meta"]?.objectValue ?? JSONObject()
        meta[ModernMeta.serverInfo] = .object(implementation(at: .v2026_07_28))
        result["_meta"] = .object(meta)
    }
}

extension Duration {
    /// Whole and fractional milliseconds, for log lines.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
