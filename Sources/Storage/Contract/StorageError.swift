/// The one error type Storage throws. Its description never holds secrets or vCon content.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notFound = "not_found"
        case conflict              // a different document under an existing uuid
        case invalid               // the resulting vCon fails validation (see `issues`)
        case unavailable           // the database cannot be reached now: retryable
        case timeout               // statement or connect timeout: retryable
        case cancelled
        case badCursor = "bad_cursor"
        case configuration         // cannot start (no binaries, bad URL …)
        case `internal`
    }
    public let code: Code
    public let operation: String   // e.g. "vcon.insert"
    public let sqlState: String?
    public let message: String
    /// Validation issues, for `.invalid`.
    public let issues: [IssueSummary]

    public struct IssueSummary: Sendable, Equatable {
        public let path: String
        public let code: String
        public let message: String
        public init(path: String, code: String, message: String) { self.path = path; self.code = code; self.message = message }
    }

    public init(_ code: Code, operation: String, sqlState: String? = nil, message: String, issues: [IssueSummary] = []) {
        self.code = code; self.operation = operation; self.sqlState = sqlState; self.message = message; self.issues = issues
    }

    public var isRetryable: Bool { code == .unavailable || code == .timeout }

    public var description: String {
        var s = "\(code.rawValue) in \(operation): \(message)"
        if let sqlState { s += " (SQLSTATE \(sqlState))" }
        return s
    }
}
