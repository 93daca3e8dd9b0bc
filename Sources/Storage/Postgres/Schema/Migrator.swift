import Foundation

import Logging

/// Applies the embedded migrations at start-up: one transaction under a transaction-scoped advisory
/// lock, so instances starting together take turns and each finds the work done or does it.
enum Migrator {
    /// Returns the versions applied by this call. Throws `StorageError`.
    static func migrate(schema: SchemaName, on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        let operation = "schema.migrate"
        let applied = try await connection.run(operation) { c in
            try c.transaction(operation) {
                // Two int4 keys: a fixed namespace and a hash of the schema name (bound, not built).
                try c.query("SELECT pg_advisory_xact_lock(1986355823, hashtext($1))", [.text(schema.name)], operation: operation)
                try c.execute("CREATE SCHEMA IF NOT EXISTS \(schema.quoted)", operation: operation)
                try c.execute("""
                    CREATE TABLE IF NOT EXISTS \(schema.quoted).schema_migrations (
                        version integer PRIMARY KEY,
                        name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now())
                    """, operation: operation)
                let rows = try c.execute("SELECT version FROM \(schema.quoted).schema_migrations", operation: operation)
                let done = Set((0..<rows.count).compactMap { rows.int($0, 0) })
                var applied: [Int] = []
                for migration in Migrations.all where !done.contains(migration.version) {
                    for statement in migration.statements {
                        try c.execute(statement.replacingOccurrences(of: "{S}", with: schema.quoted), operation: operation)
                    }
                    try c.query("INSERT INTO \(schema.quoted).schema_migrations (version, name) VALUES ($1, $2)",
                                [.int(migration.version), .text(migration.name)], operation: operation)
                    applied.append(migration.version)
                }
                return applied
            }
        }
        if !applied.isEmpty {
            logger.info("postgres schema migrated", metadata: ["schema": "\(schema.name)", "versions": "\(applied)"])
        }
        return applied
    }
}
