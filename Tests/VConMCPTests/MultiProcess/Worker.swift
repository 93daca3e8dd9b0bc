import TestSupport
import Foundation
import JSONCore

/// One thread driving one process: creates, updates (a counter in the subject), appends to the
/// shared targets, deletes, gets of anyone's vCons and searches, checking each read against
/// what was acknowledged before it was sent.
struct Worker {
    let id: Int
    let client: MCPTestClient
    let model: SharedStoreModel
    private var sequence = 0

    init(id: Int, client: MCPTestClient, model: SharedStoreModel) { self.id = id; self.client = client; self.model = model }

    mutating func run(until deadline: Date, maxOperations: Int, _ g: inout SeededGenerator) {
        for _ in 0..<maxOperations where Date() < deadline {
            do {
                let roll = Int.random(in: 0..<100, using: &g)
                switch roll {
                case ..<12: try create()
                case ..<35: try update(&g)
                case ..<55: try append(&g)
                case ..<60: try delete(&g)
                case ..<90: try get(&g)
                default: try search()
                }
            } catch {
                model.violation("worker \(id): \(error)")
                return
            }
        }
    }

    func result(_ tool: String, _ arguments: JSONObject) throws -> (ok: Bool, structured: JSON?, text: String) {
        let r = try client.call(tool, arguments)
        return (r["isError"] != true, r["structuredContent"], MCPTestClient.text(r))
    }

    func create() throws {
        let uuid = UUID().uuidString.lowercased()
        model.willCreate(uuid)
        let r = try result("create_vcon", ["vcon": ToolSuite.sampleVCon(uuid, subject: MultiProcessStoreTests.subject(0))])
        guard r.ok else { model.violation("create \(uuid) failed: \(r.text.prefix(200))"); return }
        model.created(uuid, owner: id)
        model.count("create")
    }

    func update(_ g: inout SeededGenerator) throws {
        guard let uuid = model.owned(by: id).randomElement(using: &g) else { return try create() }
        let next = model.counter(uuid) + 1
        let r = try result("update_vcon", ["uuid": .string(uuid), "updates": ["subject": .string(MultiProcessStoreTests.subject(next))]])
        guard r.ok else { model.violation("update \(uuid) failed: \(r.text.prefix(200))"); return }
        model.updated(uuid, to: next)
        model.count("update")
    }

    mutating func append(_ g: inout SeededGenerator) throws {
        guard let uuid = model.appendTargets.randomElement(using: &g) else { return }
        sequence += 1
        let body = "w\(id)-\(sequence)"
        let r = try result("add_dialog", ["vcon_uuid": .string(uuid), "dialog": [
            "type": "text", "start": "2026-03-04T09:10:00Z", "parties": [1], "originator": 1,
            "mediatype": "text/plain", "body": .string(body), "encoding": "none"]])
        guard r.ok, let index = r.structured?["index"]?.intValue else {
            model.violation("add_dialog \(body) failed: \(r.text.prefix(200))"); return
        }
        model.appended(uuid, index: index, body: body)
        model.count("append")
    }

    func delete(_ g: inout SeededGenerator) throws {
        let mine = model.owned(by: id)
        guard mine.count >= 3, let uuid = mine.randomElement(using: &g) else { return }
        model.deleting(uuid)
        let r = try result("delete_vcon", ["uuid": .string(uuid)])
        guard r.ok, r.structured?["deleted"] == true else { model.violation("delete \(uuid): \(r.text.prefix(200))"); return }
        model.deleted(uuid)
        model.count("delete")
    }

    func get(_ g: inout SeededGenerator) throws {
        guard let uuid = model.anyKnown(using: &g) else { return }
        let expectation = model.expectation(uuid)   // taken before the request is sent
        let r = try result("get_vcon", ["uuid": .string(uuid)])
        let seen = MultiProcessStoreTests.counter(in: r.structured?["vcon"])
        switch expectation {
        case .absent:
            if r.ok { model.violation("process \(id) served \(uuid) after its delete was acknowledged") }
        case let .present(atLeast: n):
            // Gone is fine only if a delete was sent while this read was in flight.
            if !r.ok, !model.deleteStarted(uuid) { model.violation("process \(id) lost \(uuid): \(r.text.prefix(200))") }
            else if let seen, seen < n { model.violation("process \(id) served \(uuid) at counter \(seen) after \(n) was acknowledged") }
        case let .either(atLeast: n):
            if r.ok, let seen, seen < n { model.violation("process \(id) served \(uuid) at counter \(seen) after \(n) was acknowledged") }
        }
        if r.ok, seen == nil, !model.appendTargets.contains(uuid) { model.violation("\(uuid) served without its counter") }
        model.count("get")
    }

    func search() throws {
        let r = try result("search_vcons", ["party_name": "alice", "limit": 20, "response_format": "ids_only"])
        guard r.ok else { model.violation("search failed: \(r.text.prefix(200))"); return }
        let known = model.knownSet
        for uuid in r.structured?["results"]?.arrayValue?.compactMap({ $0["uuid"]?.stringValue }) ?? [] where !known.contains(uuid) {
            model.violation("search returned \(uuid), which no process created")
        }
        model.count("search")
    }
}

/// Hands one client to the one thread that uses it from then on (the test thread waits).
final class ClientHandoff: @unchecked Sendable {
    let client: MCPTestClient
    init(_ client: MCPTestClient) { self.client = client }
}
