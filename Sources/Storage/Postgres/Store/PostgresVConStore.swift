import JSONCore
import Logging
import VConModel

/// The source of truth: vCons in PostgreSQL through libpq, with a pool of thread-confined connections.
///
/// - Documents are stored as received in a `json` column (lossless; `jsonb` would reorder keys and
///   respell numbers, and reads back 2–4x slower at 64 KB) and returned as bytes, never parsed on read.
/// - Every mutation is one transaction that also writes the derived search data (columns, `parties`,
///   `tags`, weighted `tsvector`) and stamps a version from one global sequence (also on delete).
/// - Read-modify-write operations (update, append, tags) lock the row, apply the change to the parsed
///   document, set `updated_at`, validate strictly and write; signed/encrypted forms are read-only.
/// - Searches use keyset cursors (see `SearchCursor`); limits are clamped to 1…1000.
/// - With no URL, `open` starts a `PrivateCluster`; it keeps running after `close` (other processes
///   may share it, and the next start is instant).
public final class PostgresVConStore: VConStore, Sendable {
    let pool: PostgresPool
    let sql: StoreSQL
    let logger: Logger
    /// Kept so the private cluster (when used) is not forgotten while the store lives.
    let privateCluster: PrivateCluster?

    init(pool: PostgresPool, sql: StoreSQL, logger: Logger, privateCluster: PrivateCluster?) {
        self.pool = pool; self.sql = sql; self.logger = logger; self.privateCluster = privateCluster
    }

    /// Connects (starting the private cluster first when `configuration.url` is nil), opens the pool and
    /// applies the embedded migrations. Throws `StorageError`: `.configuration` (bad schema name, bad
    /// URL or credentials, no usable private cluster) or `.unavailable` / `.timeout` (server unreachable).
    public static func open(configuration: StorageConfiguration.Postgres, logger: Logger) async throws -> PostgresVConStore {
        let schema = try SchemaName(configuration.schema)
        var cluster: PrivateCluster?
        let conninfo: String
        if let url = configuration.url {
            conninfo = url
        } else {
            let started = try await PrivateCluster.start(directory: configuration.privateClusterDirectory, logger: logger)
            cluster = started
            conninfo = started.conninfo
        }
        let settings = PostgresConnectionSettings(conninfo: conninfo,
                                                  connectTimeoutSeconds: configuration.connectTimeoutSeconds,
                                                  statementTimeoutMillis: configuration.statementTimeoutMillis)
        let pool = PostgresPool(settings: settings, size: configuration.poolSize, logger: logger)
        do {
            try await pool.connectAll(operation: "postgres.connect")
            let migrator = try await pool.acquire(operation: "schema.migrate")
            do {
                _ = try await Migrator.migrate(schema: schema, on: migrator, logger: logger)
                await pool.release(migrator)
            } catch {
                await pool.release(migrator)
                throw error
            }
        } catch {
            await pool.close()
            throw error
        }
        logger.info("postgres store open", metadata: ["schema": "\(schema.name)", "pool": "\(configuration.poolSize)",
                                                      "private_cluster": "\(cluster != nil)"])
        return PostgresVConStore(pool: pool, sql: StoreSQL(schema: schema), logger: logger, privateCluster: cluster)
    }

    /// Closes every connection; later calls fail with `.unavailable`. The private cluster keeps running
    /// (other processes may use it); `PrivateCluster.stop` stops it.
    public func close() async {
        await pool.close()
    }

    public var schemaName: String { sql.schema.name }

    public func get(_ uuid: VConID) async throws -> StoredVCon? {
        let sql = self.sql
        return try await pool.run("vcon.get") { c in
            let rows = try c.query(sql.getDocument, [.text(uuid.string)], operation: "vcon.get")
            guard !rows.isEmpty, let bytes = rows.bytes(0, 0), let version = rows.int64(0, 1) else { return nil }
            return StoredVCon(uuid: uuid, version: version, document: RawJSON(unchecked: bytes))
        }
    }

    /// The libpq floor for benchmarks: the same prepared primary-key SELECT as `get`, returning only the
    /// document's byte count (no model types built). Throws `StorageError`.
    public func rawDocumentSelect(_ uuid: VConID) async throws -> Int {
        let sql = self.sql
        return try await pool.run("vcon.raw_select") { c in
            let rows = try c.query(sql.getDocument, [.text(uuid.string)], operation: "vcon.raw_select")
            return rows.isEmpty ? -1 : (rows.bytes(0, 0)?.count ?? -1)
        }
    }

    public func status() async -> ServiceStatus {
        do {
            let version = try await pool.run("postgres.status") { c in
                try c.query("SELECT current_setting('server_version')", operation: "postgres.status").string(0, 0) ?? "?"
            }
            return ServiceStatus(state: .up, detail: "PostgreSQL \(version), schema \(sql.schema.name)")
        } catch let error as StorageError {
            return ServiceStatus(state: .down, detail: error.description)
        } catch {
            return ServiceStatus(state: .down, detail: "unexpected error")
        }
    }

    /// Sessions re-established after a lost connection since open.
    public func reconnectCount() async -> Int { await pool.reconnectCount() }
}
