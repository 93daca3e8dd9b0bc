import Foundation
import JSONCore
import Logging
import TestSupport
import Testing
import VConModel
@testable import Storage

/// The services of `scripts/services.sh`, read from the environment (never set by tests).
enum PGTestEnvironment {
    static let env = ProcessInfo.processInfo.environment
    static let databaseURL = env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let servicesScript = env["VCON_SERVICES_SCRIPT"]
    static let isCI = env["CI"] != nil
    /// Suites run when a database is configured, and also on CI, where its absence is a failure.
    static let enabled = databaseURL != nil || isCI

    static var logger: Logger {
        var logger = Logger(label: "vcon.storage.tests")
        logger.logLevel = .warning
        return logger
    }
}

/// Opens a store on a fresh schema `vcon_test_<random>`, runs `body`, drops the schema. Fails (does
/// not skip) on CI without DATABASE_URL. Holds a shared lease on the outage gate: the restart test
/// takes it exclusively.
func withTestStore(poolSize: Int = 4, statementTimeoutMillis: Int = 30_000,
                   _ body: (PostgresVConStore) async throws -> Void) async throws {
    guard let url = PGTestEnvironment.databaseURL else {
        Issue.record("DATABASE_URL is not set: run scripts/services.sh start and eval \"$(scripts/services.sh env)\"")
        return
    }
    try await PostgresOutageGate.shared.withShared {
        let schema = "vcon_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let store = try await PostgresVConStore.open(configuration: testConfiguration(url: url, schema: schema, poolSize: poolSize,
                                                                                        statementTimeoutMillis: statementTimeoutMillis),
                                                     logger: PGTestEnvironment.logger)
        do {
            try await body(store)
        } catch {
            await dropSchema(of: store)
            throw error
        }
        await dropSchema(of: store)
    }
}

func testConfiguration(url: String, schema: String, poolSize: Int = 4, statementTimeoutMillis: Int = 30_000) -> StorageConfiguration.Postgres {
    StorageConfiguration.Postgres(url: url, schema: schema, poolSize: poolSize, connectTimeoutSeconds: TestTiming.scaled(3),
                                  statementTimeoutMillis: statementTimeoutMillis,
                                  privateClusterDirectory: "/nonexistent")
}

func dropSchema(of store: PostgresVConStore) async {
    let quoted = store.sql.schema.quoted
    _ = try? await store.pool.run("test.drop") { c in try c.execute("DROP SCHEMA IF EXISTS \(quoted) CASCADE", operation: "test.drop") }
    await store.close()
}

/// Runs SQL on one of the store's connections (tests only).
func sqlRows(_ store: PostgresVConStore, _ sql: String, _ params: [PGValue] = []) async throws -> PGRows {
    try await store.pool.run("test.sql") { c in try c.query(sql, params, operation: "test.sql") }
}

/// Builders for small valid vCons.
enum TestVCons {
    static func party(name: String? = nil, tel: String? = nil, mailto: String? = nil) -> JSON {
        var o = JSONObject()
        if let name { o["name"] = .string(name) }
        if let tel { o["tel"] = .string(tel) }
        if let mailto { o["mailto"] = .string(mailto) }
        return .object(o)
    }

    static func textDialog(_ text: String, start: String, parties: [Int] = [0, 1]) -> JSON {
        ["type": "text", "start": .string(start), "parties": .array(parties.map { .int($0) }),
         "body": .string(text), "encoding": "none", "mediatype": "text/plain"]
    }

    static func summary(_ text: String) -> JSON {
        ["type": "summary", "vendor": "test", "body": .string(text), "encoding": "none", "dialog": 0]
    }

    static func document(uuid: VConID = VConBuilder.newID(), subject: String? = "A call", createdAt: String = "2025-01-01T10:00:00.000Z",
                         parties: [JSON] = [party(name: "Alice", tel: "tel:+1-555-0100"), party(name: "Bob", mailto: "mailto:Bob@Example.com")],
                         dialog: [JSON] = [], analysis: [JSON] = []) -> JSON {
        var o: JSONObject = ["vcon": "0.4.0", "uuid": .string(uuid.string), "created_at": .string(createdAt)]
        if let subject { o["subject"] = .string(subject) }
        o["parties"] = .array(parties)
        if !dialog.isEmpty { o["dialog"] = .array(dialog) }
        if !analysis.isEmpty { o["analysis"] = .array(analysis) }
        return .object(o)
    }

    /// Ingests (lenient, as the tools do) and requires a valid result.
    static func ingest(_ document: JSON, sourceLocation: SourceLocation = #_sourceLocation) throws -> IngestResult {
        let result = VConIngest.ingest(document.encoded(), mode: .lenient)
        try #require(result.isValid, "test vCon invalid: \(result.errors)", sourceLocation: sourceLocation)
        return result
    }
}

/// Lets ordinary Postgres tests run in parallel while a test that stops the server runs alone.
actor PostgresOutageGate {
    static let shared = PostgresOutageGate()
    private var readers = 0
    private var writer = false
    private var waiting: [(exclusive: Bool, continuation: CheckedContinuation<Void, Never>)] = []

    nonisolated func withShared<T>(_ body: () async throws -> T) async throws -> T {
        await acquire(exclusive: false)
        do { let v = try await body(); await release(exclusive: false); return v } catch { await release(exclusive: false); throw error }
    }

    nonisolated func withExclusive<T>(_ body: () async throws -> T) async throws -> T {
        await acquire(exclusive: true)
        do { let v = try await body(); await release(exclusive: true); return v } catch { await release(exclusive: true); throw error }
    }

    private func acquire(exclusive: Bool) async {
        // FIFO: a waiting writer holds back later readers, so it cannot starve.
        if waiting.isEmpty && !writer && (!exclusive || readers == 0) {
            if exclusive { writer = true } else { readers += 1 }
            return
        }
        await withCheckedContinuation { waiting.append((exclusive, $0)) }
    }

    private func release(exclusive: Bool) {
        if exclusive { writer = false } else { readers -= 1 }
        while let next = waiting.first, !writer, !next.exclusive || readers == 0 {
            waiting.removeFirst()
            if next.exclusive { writer = true } else { readers += 1 }
            next.continuation.resume()
        }
    }
}
