import JSONCore
import Logging
import Synchronization

/// One request as handlers see it: its params, the revision it is served at, and its context.
struct Call: Sendable {
    let id: RequestID
    let method: String
    let params: JSONObject
    let revision: ProtocolRevision
    let context: RequestContext
    let connection: Connection
}

extension MCPServer {
    func makeCall(id: RequestID, method: String, params: JSONObject, revision: ProtocolRevision, on connection: Connection) -> Call {
        var requestLogger = logger
        requestLogger[metadataKey: "mcp.request"] = "\(id)"
        requestLogger[metadataKey: "mcp.method"] = "\(method)"
        let token = params["_meta"]?["progressToken"].flatMap(RequestID.init)
        let progress: @Sendable (Double, Double?, String?) async -> Void
        if let token {
            let last = Mutex<Double?>(nil)
            let withMessage = revision.hasProgressMessage
            progress = { value, total, message in
                // Progress must increase; a repeat or a step back is dropped, as is anything
                // for a request that was cancelled or has already been answered.
                let advanced = last.withLock { l in
                    if let previous = l, value <= previous { return false }
                    l = value
                    return true
                }
                guard advanced, value.isFinite, !connection.isCancelled(id) else { return }
                var p: JSONObject = ["progressToken": token.json, "progress": .double(value)]
                if let total, total.isFinite { p["total"] = .double(total) }
                if let message, withMessage { p["message"] = .string(message) }
                await connection.writer.write(Frames.notification(method: "notifications/progress", params: p))
            }
        } else {
            progress = { _, _, _ in }
        }
        // Handshake era: the level set with logging/setLevel (read when sending: it may change);
        // 2026-07-28: the level the request itself carries.
        let requestLevel = (params["_meta"]?[ModernMeta.logLevel]?.stringValue).flatMap(LoggingLevel.init(rawValue:))
        let stateless = revision.isStateless
        let name = info.name
        let log: @Sendable (LoggingLevel, JSON) async -> Void = { level, data in
            let wanted = stateless ? requestLevel : connection.state.withLock { $0.logLevel }
            guard let wanted, level >= wanted, !connection.isCancelled(id) else { return }
            let params: JSONObject = ["level": .string(level.rawValue), "logger": .string(name), "data": data]
            await connection.writer.write(Frames.notification(method: "notifications/message", params: params))
        }
        let context = RequestContext(logger: requestLogger, protocolVersion: revision.date, reportProgress: progress, log: log)
        return Call(id: id, method: method, params: params, revision: revision, context: context, connection: connection)
    }
}
