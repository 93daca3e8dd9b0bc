import Storage
import VConModel

/// A failure the model can act on, turned into an `isError` result with this text.
struct ToolFailure: Error {
    let message: String

    static func notFound(_ uuid: VConID) -> ToolFailure {
        ToolFailure(message: "No vCon with uuid \(uuid) exists. Check the uuid: search_vcons or search_by_tags list stored vCons.")
    }

    static func invalid(_ issues: [ValidationIssue], what: String) -> ToolFailure {
        let errors = issues.filter { $0.severity == .error }
        let lines = errors.map { "- \($0.path): \($0.message) [\($0.code)]" }
        return ToolFailure(message: "\(what) is not a valid vCon (\(errors.count) issue\(errors.count == 1 ? "" : "s")). Fix each and call again:\n"
            + lines.joined(separator: "\n"))
    }

    /// Maps a storage error to advice; the text holds no secrets or vCon content (StorageError's rule).
    static func from(_ error: StorageError, uuid: VConID? = nil) -> ToolFailure {
        switch error.code {
        case .notFound:
            if let uuid { return .notFound(uuid) }
            return ToolFailure(message: "Not found: \(error.message). Check the uuid with search_vcons.")
        case .conflict:
            let subject = uuid.map { "A different vCon with uuid \($0)" } ?? "A different vCon with this uuid"
            return ToolFailure(message: "\(subject) is already stored. Use update_vcon to change it, or delete_vcon first to replace it.")
        case .invalid where error.issues.contains { $0.code == "nul_character" }:
            return ToolFailure(message: "An argument contains the NUL character (U+0000), which PostgreSQL cannot store or search; nothing was changed. Remove it and call again.")
        case .invalid:
            let lines = error.issues.map { "- \($0.path): \($0.message) [\($0.code)]" }
            return ToolFailure(message: "The change would make the vCon invalid (\(error.issues.count) issue\(error.issues.count == 1 ? "" : "s")); nothing was stored. Fix each and call again:\n"
                + (lines.isEmpty ? "- \(error.message)" : lines.joined(separator: "\n")))
        case .unavailable, .timeout:
            return ToolFailure(message: "The database is unavailable right now (\(error.code.rawValue) in \(error.operation)); this is temporary. If this call was a write, it may or may not have been applied: check with get_vcon before retrying it. Retry in a few seconds; server_status shows the state of PostgreSQL and Redis.")
        case .badCursor:
            return ToolFailure(message: "The cursor is not valid: pass the next_cursor of a previous call with the same filters unchanged, or repeat the call without cursor to start from the first page.")
        case .cancelled:
            return ToolFailure(message: "The request was cancelled before it completed.")
        case .configuration, .internal:
            return ToolFailure(message: "The storage layer failed (\(error.code.rawValue) in \(error.operation)). This is not caused by the arguments; server_status shows the state of the services and the server's log has details.")
        }
    }
}
