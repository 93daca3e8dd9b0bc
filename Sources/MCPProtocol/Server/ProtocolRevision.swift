/// The MCP revisions this server speaks, and what each one allows in output.
///
/// Revisions are dates, so string order is chronological order.
public struct ProtocolRevision: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let date: String
    public init(_ date: String) { self.date = date }

    public static let v2024_11_05 = ProtocolRevision("2024-11-05")
    public static let v2025_03_26 = ProtocolRevision("2025-03-26")
    public static let v2025_06_18 = ProtocolRevision("2025-06-18")
    public static let v2025_11_25 = ProtocolRevision("2025-11-25")
    public static let v2026_07_28 = ProtocolRevision("2026-07-28")

    /// Revisions negotiated with `initialize` (the handshake era), oldest first.
    public static let handshake: [ProtocolRevision] = [.v2024_11_05, .v2025_03_26, .v2025_06_18, .v2025_11_25]
    /// Revisions served statelessly, with `_meta` on every request.
    public static let stateless: [ProtocolRevision] = [.v2026_07_28]
    public static let all: [ProtocolRevision] = handshake + stateless
    public static let latestHandshake = ProtocolRevision.v2025_11_25

    public static func < (lhs: ProtocolRevision, rhs: ProtocolRevision) -> Bool { lhs.date < rhs.date }
    public var description: String { date }

    /// The answer to `initialize(requested)`: the same revision when supported, else the latest.
    public static func negotiate(_ requested: String) -> ProtocolRevision {
        let r = ProtocolRevision(requested)
        return handshake.contains(r) ? r : latestHandshake
    }

    public var isStateless: Bool { self >= .v2026_07_28 }
    /// JSON-RPC batches exist in 2025-03-26 only.
    public var allowsBatches: Bool { self == .v2025_03_26 }
    public var hasAnnotations: Bool { self >= .v2025_03_26 }
    public var hasCompletionsCapability: Bool { self >= .v2025_03_26 }
    public var hasProgressMessage: Bool { self >= .v2025_03_26 }
    /// `title`, `outputSchema`, `structuredContent`, `resource_link`.
    public var hasStructuredOutput: Bool { self >= .v2025_06_18 }
    public var hasIcons: Bool { self >= .v2025_11_25 }
    /// From 2025-11-25, a tool's input-validation failure is a tool result with `isError`,
    /// so the model can correct its arguments; before, it was a -32602 protocol error.
    public var inputErrorsAreToolResults: Bool { self >= .v2025_11_25 }
    /// Legacy revisions answer an unknown resource with -32002; 2026-07-28 with -32602.
    public var resourceNotFoundCode: Int { isStateless ? ErrorCode.invalidParams : ErrorCode.resourceNotFound }
}
