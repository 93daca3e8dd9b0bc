import JSONCore

/// A JSON-RPC request id. MCP allows strings and integers only; both are echoed exactly.
public enum RequestID: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    /// The id of `value`, or nil when it is not a valid MCP id (null, a fraction, an object …).
    public init?(_ value: JSON) {
        switch value {
        case let .int(i): self = .int(i)
        case let .string(s): self = .string(s)
        default: return nil
        }
    }

    public var json: JSON {
        switch self {
        case let .int(i): return .int(i)
        case let .string(s): return .string(s)
        }
    }

    public var description: String {
        switch self {
        case let .int(i): return String(i)
        case let .string(s): return "\"\(s)\""
        }
    }
}
