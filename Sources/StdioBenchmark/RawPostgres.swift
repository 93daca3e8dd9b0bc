import CLibpq

/// libpq used directly: the floor (a prepared primary-key SELECT of the same documents) and the
/// benchmark's housekeeping (dropping its schema).
final class RawPostgres {
    private let connection: OpaquePointer

    init(conninfo: String) throws {
        guard let c = PQconnectdb(conninfo) else { throw BenchError("postgres connect failed") }
        connection = c
        guard PQstatus(c) == CONNECTION_OK else { PQfinish(c); throw BenchError("postgres connect failed") }
        try execute("SET client_min_messages TO warning")   // no NOTICE lines from DROP … IF EXISTS
    }

    deinit { PQfinish(connection) }

    func execute(_ sql: String) throws {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw BenchError("statement failed: \(String(cString: PQerrorMessage(connection)))") }
    }

    func prepareDocumentSelect(schema: String) throws {
        let result = PQprepare(connection, "bench_get", "SELECT document, version FROM \"\(schema)\".vcons WHERE uuid = $1", 1, nil)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw BenchError("prepare failed: \(String(cString: PQerrorMessage(connection)))") }
    }

    /// The document's bytes, copied out as a real client would.
    func selectDocument(_ uuid: String) throws -> [UInt8] {
        let result = uuid.withCString { value -> OpaquePointer? in
            var values: [UnsafePointer<CChar>?] = [value]
            return PQexecPrepared(connection, "bench_get", 1, &values, nil, nil, 0)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK, PQntuples(result) == 1, let value = PQgetvalue(result, 0, 0) else {
            throw BenchError("select of \(uuid) failed")
        }
        return Array(UnsafeRawBufferPointer(start: value, count: Int(PQgetlength(result, 0, 0))))
    }
}
