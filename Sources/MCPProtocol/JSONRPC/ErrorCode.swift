/// JSON-RPC and MCP error codes used on the wire.
public enum ErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    /// Legacy era (≤ 2025-11-25) resource-not-found; 2026-07-28 uses -32602.
    public static let resourceNotFound = -32002
    /// 2026-07-28: the request's protocol version is not supported.
    public static let unsupportedProtocolVersion = -32022
}
