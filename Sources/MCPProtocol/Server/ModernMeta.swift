import JSONCore

/// The 2026-07-28 per-request `_meta` keys, and the rules every stateless request must meet.
enum ModernMeta {
    static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    static let serverInfo = "io.modelcontextprotocol/serverInfo"
    static let logLevel = "io.modelcontextprotocol/logLevel"

    /// The revision a stateless request asks for, or the error to answer it with:
    /// -32602 when the version or the capabilities are missing, -32022 when the version is unsupported.
    static func revision(of meta: JSONObject?) -> Result<ProtocolRevision, MCPError> {
        guard let meta, let versionValue = meta[protocolVersion] else {
            return .failure(.invalidParams(
                "Invalid params: _meta[\"\(protocolVersion)\"] is required (2026-07-28), or send initialize first"))
        }
        guard case let .string(version) = versionValue else {
            return .failure(.invalidParams("Invalid params: _meta[\"\(protocolVersion)\"] must be a string"))
        }
        let revision = ProtocolRevision(version)
        guard ProtocolRevision.stateless.contains(revision) else {
            let supported = ProtocolRevision.all.map { JSON.string($0.date) }
            return .failure(MCPError(
                code: ErrorCode.unsupportedProtocolVersion,
                message: "Unsupported protocol version \(version) for a request without initialize; supported: "
                    + ProtocolRevision.all.map(\.date).joined(separator: ", "),
                data: ["supported": .array(supported), "requested": .string(version)]))
        }
        guard let caps = meta[clientCapabilities] else {
            return .failure(.invalidParams("Invalid params: _meta[\"\(clientCapabilities)\"] is required (2026-07-28)"))
        }
        guard caps.objectValue != nil else {
            return .failure(.invalidParams("Invalid params: _meta[\"\(clientCapabilities)\"] must be an object"))
        }
        return .success(revision)
    }
}
