import CLibpq

/// libpq used directly, for the floor: the same prepared primary-key SELECT the store runs.
final class RawPostgres {
    let connection: OpaquePointer

    init(conninfo: String, schema: String) throws {
        guard let c = PQconnectdb(conninfo), PQstatus(c) == CONNECTION_OK else { throw BenchError("postgres connect failed") }
        connection = c
        let sql = "SELECT document, version FROM \"\(schema)\".vcons WHERE uuid = $1"
        let prepared = PQprepare(c, "raw_get", sql, 1, nil)
        defer { PQclear(prepared) }
        guard PQresultStatus(prepared) == PGRES_COMMAND_OK else { throw BenchError("prepare failed") }
    }

    deinit { PQfinish(connection) }

    /// Returns the document's byte count (copied out, as a real client would).
    func select(_ uuid: String) throws -> Int {
        let result = uuid.withCString { value -> OpaquePointer? in
            var values: [UnsafePointer<CChar>?] = [value]
            return PQexecPrepared(connection, "raw_get", 1, &values, nil, nil, 0)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK, PQntuples(result) == 1, let value = PQgetvalue(result, 0, 0) else {
            throw BenchError("select failed")
        }
        let copy = Array(UnsafeRawBufferPointer(start: value, count: Int(PQgetlength(result, 0, 0))))
        return copy.count
    }
}

actor RawPostgresActor {
    nonisolated let thread = BenchThread(name: "bench-pg")
    nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }
    private let postgres: RawPostgres
    private var calls = 0
    init(_ make: @Sendable () throws -> RawPostgres) rethrows { postgres = try make() }
    func select(_ uuid: String) throws -> Int { calls += 1; return try postgres.select(uuid) }
}
