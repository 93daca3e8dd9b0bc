import JSONCore

extension MCPServer {
    /// `initialize`: negotiates the revision (echo a supported one, else the latest) and puts the
    /// connection in the handshake era. A second `initialize` is refused.
    func initialize(id: RequestID, params: JSONObject?, on connection: Connection) -> [UInt8] {
        guard let params else { return Frames.error(id: id, .invalidParams("Invalid params: initialize needs params")) }
        guard case let .string(requested)? = params["protocolVersion"] else {
            return Frames.error(id: id, .invalidParams("Invalid params: \"protocolVersion\" must be a string"))
        }
        let revision = ProtocolRevision.negotiate(requested)
        let accepted: Bool = connection.state.withLock { s in
            guard s.negotiated == nil else { return false }
            s.negotiated = revision
            return true
        }
        guard accepted else {
            return Frames.error(id: id, code: ErrorCode.invalidRequest, message: "Invalid Request: the connection is already initialized")
        }
        if revision.date != requested {
            logger.info("client asked for an unsupported revision; answering the latest",
                        metadata: ["requested": "\(requested)", "answered": "\(revision)"])
        }
        var result: JSONObject = [
            "protocolVersion": .string(revision.date),
            "capabilities": .object(capabilities(at: revision)),
            "serverInfo": .object(implementation(at: revision)),
        ]
        if let instructions = info.instructions { result["instructions"] = .string(instructions) }
        return Frames.result(id: id, .object(result))
    }

    /// `server/discover` (2026-07-28; also answered to handshake-era clients that probe with it).
    func discover() -> JSONObject {
        var result: JSONObject = [
            "supportedVersions": .array(ProtocolRevision.all.map { .string($0.date) }),
            "capabilities": .object(capabilities(at: .v2026_07_28)),
        ]
        if let instructions = info.instructions { result["instructions"] = .string(instructions) }
        return result
    }

    /// `logging/setLevel` (handshake era): later `sendLog` calls below the level are not sent.
    func setLevel(_ call: Call) throws -> JSONObject {
        guard case let .string(name)? = call.params["level"], let level = LoggingLevel(rawValue: name) else {
            throw MCPError.invalidParams("Invalid params: \"level\" must be one of "
                + LoggingLevel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        call.connection.state.withLock { $0.logLevel = level }
        return [:]
    }

    func capabilities(at revision: ProtocolRevision) -> JSONObject {
        var caps = JSONObject()
        if !tools.isEmpty { caps["tools"] = ["listChanged": false] }
        if resources != nil { caps["resources"] = ["subscribe": false, "listChanged": false] }
        if !prompts.isEmpty { caps["prompts"] = ["listChanged": false] }
        if completion != nil, revision.hasCompletionsCapability { caps["completions"] = [:] }
        if !revision.isStateless { caps["logging"] = [:] }
        return caps
    }

    func implementation(at revision: ProtocolRevision) -> JSONObject {
        var o: JSONObject = ["name": .string(info.name), "version": .string(info.version)]
        if let title = info.title, revision.hasStructuredOutput { o["title"] = .string(title) }
        return o
    }
}
