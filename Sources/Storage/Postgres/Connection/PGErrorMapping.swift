/// Maps a SQLSTATE to the one error type Storage throws. Messages are fixed texts chosen here:
/// server messages can quote values (a unique violation's DETAIL holds the key), so they never pass.
enum PGErrorMapping {
    static func error(sqlState: String?, operation: String, cancelRequested: Bool, connectionLost: Bool) -> StorageError {
        if connectionLost {
            return StorageError(.unavailable, operation: operation, sqlState: sqlState,
                                message: "the connection to PostgreSQL was lost; retry")
        }
        guard let state = sqlState else {
            return StorageError(.internal, operation: operation, message: "query failed without a SQLSTATE")
        }
        let (code, message) = classify(state, cancelRequested: cancelRequested)
        return StorageError(code, operation: operation, sqlState: state, message: message)
    }

    static func classify(_ state: String, cancelRequested: Bool) -> (StorageError.Code, String) {
        switch state {
        case "23505": return (.conflict, "unique violation")
        case "57014":
            return cancelRequested ? (.cancelled, "the query was cancelled")
                                   : (.timeout, "statement timeout reached")
        case "55P03": return (.timeout, "lock not available")
        case "40001", "40P01": return (.unavailable, "transaction conflict (serialization failure or deadlock); retry")
        case "57P01", "57P02", "57P03": return (.unavailable, "the server is shutting down or starting up; retry")
        case "3F000", "42P01", "42883": return (.configuration, "the schema is missing or not migrated")
        case "28000", "28P01": return (.configuration, "authentication failed")
        case "42501": return (.configuration, "insufficient privilege")
        case "54000": return (.invalid, "a value exceeds a PostgreSQL limit (e.g. text too long to index)")
        default: break
        }
        switch state.prefix(2) {
        case "08": return (.unavailable, "connection failure; retry")
        case "53": return (.unavailable, "the server is out of resources; retry")
        case "22": return (.invalid, "a value has an invalid format")
        case "23": return (.conflict, "integrity constraint violation")
        default: return (.internal, "query failed")
        }
    }

    /// Classifies a failed connection attempt from libpq's message (the message itself is not
    /// repeated: it names hosts and users).
    static func connectFailure(_ libpqMessage: String, operation: String) -> StorageError {
        let m = libpqMessage.lowercased()
        if m.contains("password authentication failed") || m.contains("no password supplied")
            || m.contains("no pg_hba.conf entry") {
            return StorageError(.configuration, operation: operation, sqlState: "28P01", message: "PostgreSQL authentication failed")
        }
        if m.contains("does not exist") {
            return StorageError(.configuration, operation: operation, sqlState: "3D000",
                                message: "the PostgreSQL database or role does not exist")
        }
        if m.contains("timeout expired") {
            return StorageError(.timeout, operation: operation, message: "connecting to PostgreSQL timed out")
        }
        if m.contains("starting up") || m.contains("shutting down") {
            return StorageError(.unavailable, operation: operation, sqlState: "57P03",
                                message: "PostgreSQL is starting up or shutting down; retry")
        }
        return StorageError(.unavailable, operation: operation, message: "PostgreSQL is unreachable; retry")
    }
}
