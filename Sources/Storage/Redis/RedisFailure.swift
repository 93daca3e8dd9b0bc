/// Why a Redis call failed. Internal: the cache turns every failure into a miss (or a pending
/// repair) and never lets it reach a request. Descriptions hold no secrets or vCon content.
struct RedisFailure: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        case notConnected      // no live context (down, or closed)
        case io                // connect/read/write error or timeout: the context is dead now
        case server            // an error reply (the context is still usable)
        case noScript          // NOSCRIPT: the script cache was flushed
        case protocolError     // a reply of an unexpected shape
    }
    let kind: Kind
    let operation: String
    let message: String
    /// The connection (1, 2, … per reconnect) the failure happened on.
    let connection: UInt64

    /// True when the context is gone and a reconnect is needed.
    var isConnectionLost: Bool { kind == .notConnected || kind == .io }

    var description: String { "redis \(operation): \(message)" }
}
