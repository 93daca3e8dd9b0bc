internal import CLibpq
import Foundation
import Logging

/// What a connection needs to (re)connect. `conninfo` is a libpq URI or key=value string; it may hold a
/// password, so it is never logged or put in an error.
struct PostgresConnectionSettings: Sendable {
    var conninfo: String
    var connectTimeoutSeconds: Int
    var statementTimeoutMillis: Int
}

/// One libpq connection, owned by an actor whose jobs all run on one dedicated thread, so its blocking
/// calls never occupy Swift's cooperative pool. Work arrives as synchronous closures run on that thread
/// (`run`); a task's cancellation reaches the server through `PQcancel`.
actor PostgresConnection {
    nonisolated let executor: ThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    nonisolated let cancelHandle = CancelHandle()

    private let settings: PostgresConnectionSettings
    private let logger: Logger
    private var session: PGSession?
    private var conn: OpaquePointer? { session?.pointer }
    private var everConnected = false
    /// SQL text → prepared statement name; emptied on reconnect (statements live in the session).
    private var prepared: [String: String] = [:]
    private var statementCounter = 0
    /// Shared with the pool's other connections: fail fast during an outage, probe with backoff.
    private let gate: ReconnectGate
    /// Statements completed in the current `run` (decides whether a retry after a lost connection is safe).
    private var statementsRun = 0
    private(set) var reconnects = 0
    static let maxPreparedStatements = 256

    init(settings: PostgresConnectionSettings, name: String, gate: ReconnectGate = ReconnectGate(), logger: Logger) {
        self.settings = settings
        self.gate = gate
        self.logger = logger
        self.executor = ThreadExecutor(name: name)
    }

    deinit {
        executor.shutdown()
    }

    /// Closes the session; the next `run` opens a new one.
    func close() {
        session = nil
        cancelHandle.replace(with: nil)
        prepared.removeAll()
    }

    /// Runs `body` on this connection's thread. Cancelling the calling task cancels the running query.
    /// Throws `StorageError`.
    nonisolated func run<T: Sendable>(_ operation: String,
                                      _ body: @Sendable (isolated PostgresConnection) throws -> T) async throws -> T {
        try await withTaskCancellationHandler {
            try await self.runArmed(operation, body)
        } onCancel: {
            self.cancelHandle.requestCancel()
        }
    }

    private func runArmed<T: Sendable>(_ operation: String,
                                       _ body: @Sendable (isolated PostgresConnection) throws -> T) throws -> T {
        cancelHandle.arm()
        defer { cancelHandle.disarm() }
        if Task.isCancelled { throw StorageError(.cancelled, operation: operation, message: "cancelled before it started") }
        statementsRun = 0
        do {
            return try body(self)
        } catch let error as StorageError where error.code == .unavailable && statementsRun == 0 && !isConnected {
            // The first statement found the session dead (a server restart). Every write begins with
            // BEGIN, so nothing of it was committed and one attempt on a fresh session is safe; reads
            // are safe anyway. During an outage this fails fast again.
            logger.debug("postgres session lost while idle; reconnecting", metadata: ["operation": "\(operation)"])
            return try body(self)
        }
    }

    var isConnected: Bool {
        guard let conn else { return false }
        return PQstatus(conn) == CONNECTION_OK
    }

    /// Opens the session now (at start-up, so a bad URL is reported at once).
    func connect(operation: String) throws {
        try ensureConnected(operation: operation)
    }

    // MARK: statements

    /// Runs a prepared statement (prepared once per session) with bound text parameters.
    @discardableResult
    func query(_ sql: String, _ params: [PGValue] = [], operation: String) throws -> PGRows {
        // libpq takes C strings: a NUL would silently cut the value short (a search for
        // "ali\0ce" would match every "ali…"). Refuse it instead.
        for case let .text(s) in params where s.utf8.contains(0) {
            throw StorageError(.invalid, operation: operation, message: "a text value contains the NUL character (U+0000)",
                               issues: [.init(path: "$", code: "nul_character",
                                              message: "Remove the NUL character (U+0000): PostgreSQL text cannot hold it.")])
        }
        try ensureConnected(operation: operation)
        let name = try preparedName(for: sql, parameterCount: params.count, operation: operation)
        let result = PGParameters.with(params) { values in
            PQexecPrepared(conn, name, Int32(params.count), values, nil, nil, 0)
        }
        let rows = try consume(result, operation: operation)
        statementsRun += 1
        return rows
    }

    /// Runs parameterless SQL that may hold several statements (migrations, BEGIN/COMMIT). Never
    /// called with text built from input.
    @discardableResult
    func execute(_ sql: String, operation: String) throws -> PGRows {
        try ensureConnected(operation: operation)
        let rows = try consume(PQexec(conn, sql), operation: operation)
        statementsRun += 1
        return rows
    }

    /// Runs `body` inside BEGIN … COMMIT; any error rolls back and is rethrown.
    func transaction<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        try execute("BEGIN", operation: operation)
        do {
            let value = try body()
            try execute("COMMIT", operation: operation)
            return value
        } catch {
            if isConnected { _ = try? execute("ROLLBACK", operation: operation) }
            throw error
        }
    }

    private func preparedName(for sql: String, parameterCount: Int, operation: String) throws -> String {
        if let name = prepared[sql] { return name }
        // Search builds one statement per filter shape; bound the cache (and the server's memory).
        if prepared.count >= Self.maxPreparedStatements {
            try execute("DEALLOCATE ALL", operation: operation)
            prepared.removeAll()
        }
        statementCounter += 1
        let name = "vcon_s\(statementCounter)"
        try consume(PQprepare(conn, name, sql, Int32(parameterCount), nil), operation: operation)
        prepared[sql] = name
        return name
    }

    /// The one funnel: checks a result's status, copies its rows out, clears it, maps failures.
    @discardableResult
    private func consume(_ result: OpaquePointer?, operation: String) throws -> PGRows {
        guard let result else {
            throw PGErrorMapping.error(sqlState: nil, operation: operation, cancelRequested: false,
                                       connectionLost: !isConnected)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            let sqlState = vcon_pq_sqlstate(result).map { String(cString: $0) }
            let lost = !isConnected
            if lost { logger.warning("postgres connection lost", metadata: ["operation": "\(operation)"]) }
            throw PGErrorMapping.error(sqlState: sqlState, operation: operation,
                                       cancelRequested: cancelHandle.wasRequested, connectionLost: lost)
        }
        let columns = Int(PQnfields(result))
        let count = Int(PQntuples(result))
        var rows = PGRows(columns: columns)
        for row in 0..<count {
            for column in 0..<columns {
                let r = Int32(row), c = Int32(column)
                if PQgetisnull(result, r, c) != 0 { rows.append(nil); continue }
                let length = Int(PQgetlength(result, r, c))
                guard length > 0, let value = PQgetvalue(result, r, c) else { rows.append([]); continue }
                rows.append(UnsafeRawBufferPointer(start: value, count: length).withMemoryRebound(to: UInt8.self) { Array($0) })
            }
        }
        if let tuples = PQcmdTuples(result) { rows.affected = Int(String(cString: tuples)) ?? 0 }
        return rows
    }

    // MARK: connecting

    private func ensureConnected(operation: String) throws {
        if isConnected { return }
        guard gate.mayAttempt() else {
            throw StorageError(.unavailable, operation: operation, message: "PostgreSQL is unreachable; retry later")
        }
        do {
            try openSession(operation: operation)
            gate.succeeded()
            if everConnected {
                reconnects += 1
                logger.info("postgres connection re-established")
            }
            everConnected = true
        } catch {
            gate.failed()
            throw error
        }
    }

    private func openSession(operation: String) throws {
        close()
        // Session settings travel in the startup packet: no extra round trip, and they survive
        // every reconnect. Later keywords override what the URL says.
        let options = "-c statement_timeout=\(settings.statementTimeoutMillis) -c TimeZone=UTC -c DateStyle=ISO"
        let keywords = ["dbname", "connect_timeout", "options", "application_name", "client_encoding"]
        let values = [settings.conninfo, String(max(1, settings.connectTimeoutSeconds)), options, "vcon-mcp", "UTF8"]
        let pointer = PGParameters.withNullTerminated(keywords) { k in
            PGParameters.withNullTerminated(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let pointer else {
            throw StorageError(.internal, operation: operation, message: "libpq could not allocate a connection")
        }
        let opened = PGSession(pointer)
        guard PQstatus(pointer) == CONNECTION_OK else {
            throw PGErrorMapping.connectFailure(String(cString: PQerrorMessage(pointer)), operation: operation)
        }
        // Server notices (NOTICE/WARNING) would go to stderr unasked; they carry nothing we act on.
        _ = PQsetNoticeProcessor(pointer, { _, _ in }, nil)
        session = opened
        cancelHandle.replace(with: pointer)
    }
}

/// The one owner of a `PGconn`: finished when the last reference goes, also when connecting failed.
final class PGSession: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQfinish(pointer) }
}
