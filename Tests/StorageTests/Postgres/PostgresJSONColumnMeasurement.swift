import Foundation
import JSONCore
import Testing
@testable import Storage

/// Opt-in measurement (env VCON_PG_MEASURE=1): reading a 4 KB and a 64 KB document back as text from a
/// `json` and a `jsonb` column through this layer (prepared primary-key SELECT), p50/p99 to stderr.
/// Asserts only that both columns hold the document and that `json` returns the exact bytes.
@Suite("Postgres json vs jsonb read (measurement)",
       .enabled(if: PGTestEnvironment.databaseURL != nil && ProcessInfo.processInfo.environment["VCON_PG_MEASURE"] != nil))
struct PostgresJSONColumnMeasurement {
    static func document(bytes target: Int) -> [UInt8] {
        var dialog: [JSON] = []
        var doc: JSON = [:]
        repeat {
            dialog.append(["type": "text", "start": "2025-01-01T10:00:00Z", "parties": [0, 1], "encoding": "none",
                           "body": .string("Message \(dialog.count) about the invoice and the refund; please check the account.")])
            doc = ["vcon": "0.4.0", "uuid": "01a202c1-d196-80de-af40-aadadd6d5c05", "subject": "Billing",
                   "parties": [["name": "Alice"], ["name": "Bob"]], "dialog": .array(dialog)]
        } while doc.encoded().count < target
        return doc.encoded()
    }

    @Test func jsonColumnIsLosslessAndReadTimesAreReported() async throws {
        try await withTestStore(poolSize: 1) { store in
            let s = store.sql.schema.quoted
            _ = try await store.pool.run("m") { c in
                try c.execute("CREATE TABLE \(s).m_json (id int PRIMARY KEY, d json); CREATE TABLE \(s).m_jsonb (id int PRIMARY KEY, d jsonb)", operation: "m")
            }
            for size in [4096, 65536] {
                let bytes = Self.document(bytes: size)
                var lines: [String] = []
                for column in ["json", "jsonb"] {
                    _ = try await sqlRows(store, "INSERT INTO \(s).m_\(column) VALUES ($1, $2)", [.int(size), .bytes(bytes)])
                    let select = "SELECT d FROM \(s).m_\(column) WHERE id = $1"
                    let read = try await sqlRows(store, select, [.int(size)]).bytes(0, 0)
                    #expect(read != nil)
                    if column == "json" { #expect(read == bytes) }
                    var samples: [Double] = []
                    for i in 0..<2200 {
                        let t0 = ContinuousClock.now
                        _ = try await store.pool.run("m") { c in try c.query(select, [.int(size)], operation: "m").count }
                        if i >= 200 {
                            let d = (ContinuousClock.now - t0).components
                            samples.append(Double(d.seconds) * 1e6 + Double(d.attoseconds) / 1e12)
                        }
                    }
                    samples.sort()
                    lines.append("\(column) \(bytes.count / 1024) KB: p50 \(Int(samples[samples.count / 2])) µs, p99 \(Int(samples[samples.count * 99 / 100])) µs")
                }
                FileHandle.standardError.write(Data(("MEASURE " + lines.joined(separator: " | ") + "\n").utf8))
            }
        }
    }
}
