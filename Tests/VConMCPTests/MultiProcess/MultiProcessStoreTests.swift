import Foundation
import JSONCore
import TestSupport
import Testing

/// Four `vcon-mcp` processes on one PostgreSQL schema and one Redis key prefix, driven at once:
/// no read after an acknowledged write sees an older state in any process, no append is lost,
/// and PostgreSQL ends up holding exactly what the model says was done.
@Suite(.enabled(if: TestEnvironment.servicesConfigured), .serialized)
struct MultiProcessStoreTests {
    static let processes = 4
    static let seconds: TimeInterval = 6
    static let maxOperationsPerWorker = 3_000

    static func subject(_ counter: Int) -> String { "counter \(counter)" }
    static func counter(in document: JSON?) -> Int? {
        guard let s = document?["subject"]?.stringValue, s.hasPrefix("counter ") else { return nil }
        return Int(s.dropFirst(8))
    }

    @Test func fourProcessesOneStore() throws {
        let services = try TestEnvironment.requireServices()
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: SanitizerOptions.forwarded)
        defer { setup.cleanUp() }
        let binary = try TestEnvironment.binary()
        // All four start on a fresh schema at once: they race to migrate it.
        let clients = try (0..<Self.processes).map { _ in try MCPTestClient(binary: binary, environment: setup.env) }
        for c in clients { try c.initialize() }

        let model = SharedStoreModel()
        for _ in 0..<2 {
            let uuid = UUID().uuidString.lowercased()
            _ = try clients[0].ok("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: "append target")])
            model.appendTarget(uuid)
        }

        let deadline = Date().addingTimeInterval(Self.seconds)
        let group = DispatchGroup()
        for worker in 0..<Self.processes {
            group.enter()
            let handoff = ClientHandoff(clients[worker])
            let thread = Thread {
                defer { group.leave() }
                var g = SeededGenerator(seed: UInt64(worker + 1) &* 0x9E37_79B9_7F4A_7C15)
                var w = Worker(id: worker, client: handoff.client, model: model)
                w.run(until: deadline, maxOperations: Self.maxOperationsPerWorker, &g)
            }
            thread.start()
        }
        #expect(group.wait(timeout: .now() + Self.seconds + TestTiming.scaled(seconds: 120)) == .success, "the workers finished")

        for violation in model.violations.prefix(20) { Issue.record(Comment(rawValue: violation)) }
        #expect(model.violations.isEmpty, "\(model.violations.count) violations")
        let ops = model.operations
        FileHandle.standardError.write(Data("fourProcessesOneStore: \(ops.sorted { $0.key < $1.key })\n".utf8))
        #expect((ops["get"] ?? 0) >= 40 && (ops["update"] ?? 0) >= 20 && (ops["append"] ?? 0) >= 20 && (ops["create"] ?? 0) >= 10,
                "enough concurrent work was done: \(ops)")
        #expect((ops["delete"] ?? 0) >= 1 && (ops["search"] ?? 0) >= 1, "\(ops)")

        try Self.expectPostgresMatches(model, setup: setup)
        for c in clients { #expect(try c.finish() == 0) }
    }

    /// Reads every row straight from PostgreSQL and compares it with the model.
    static func expectPostgresMatches(_ model: SharedStoreModel, setup: IsolatedServer) throws {
        let rows = try PSQL.query(setup.database, "SELECT uuid::text || chr(31) || document::text FROM \(setup.schema).vcons")
        var stored: [String: JSON] = [:]
        for line in rows.split(separator: "\n") {
            let parts = line.split(separator: "\u{1F}", maxSplits: 1)
            guard parts.count == 2 else { Issue.record("unreadable row"); continue }
            stored[String(parts[0])] = try JSON.parse(String(parts[1]))
        }
        let expected = model.finalState()
        for (uuid, counter) in expected.alive {
            let document = stored[uuid]
            #expect(document != nil, "\(uuid) is missing from PostgreSQL")
            if document != nil, !expected.appends.keys.contains(uuid) {
                #expect(Self.counter(in: document) == counter, "\(uuid): stored \(document?["subject"]?.stringValue ?? "-"), last acknowledged \(counter)")
            }
        }
        for uuid in expected.deleted { #expect(stored[uuid] == nil, "\(uuid) was deleted but is still stored") }
        #expect(Set(stored.keys).subtracting(expected.alive.keys).subtracting(model.knownSet).isEmpty, "no row the model does not know")
        for (uuid, bodies) in expected.appends {
            let dialog = stored[uuid]?["dialog"]?.arrayValue ?? []
            #expect(dialog.count == bodies.count + 1, "\(uuid): \(dialog.count) dialogs for \(bodies.count) acknowledged appends + 1")
            for (index, body) in bodies {
                #expect(dialog.indices.contains(index) && dialog[index]["body"] == .string(body), "\(uuid): append \(body) not at \(index)")
            }
        }
    }
}
