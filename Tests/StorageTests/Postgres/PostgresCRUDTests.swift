import Foundation
import JSONCore
import Testing
import VConModel
@testable import Storage

@Suite("Postgres store: create, get, update, delete", .enabled(if: PGTestEnvironment.enabled))
struct PostgresCRUDTests {
    @Test func createThenGetReturnsTheSameBytes() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            let written = try await store.create(vcon, replace: false)
            #expect(written.created)
            #expect(written.uuid == uuid)
            let stored = try #require(try await store.get(uuid))
            #expect(stored.document.bytes == vcon.bytes)
            #expect(stored.version == written.version)
            #expect(try await store.get(VConBuilder.newID()) == nil)
        }
    }

    @Test func storageIsLosslessForKeyOrderSpacingAndNumbers() async throws {
        try await withTestStore { store in
            let uuid = VConBuilder.newID()
            let text = #"{ "vcon" : "0.4.0", "uuid": "\#(uuid.string)", "created_at":"2025-01-01T10:00:00Z", "x_n": 1.50, "x_e": 1E3, "parties": [ ], "meta": {"b":1,"a":2} }"#
            let vcon = VConIngest.ingest(Array(text.utf8), mode: .lenient)
            try #require(vcon.isValid, "\(vcon.errors)")
            _ = try await store.create(vcon, replace: false)
            let stored = try #require(try await store.get(uuid))
            #expect(stored.document.bytes == vcon.bytes)
        }
    }

    @Test func createIsIdempotentForSameBytesAndConflictsOtherwise() async throws {
        try await withTestStore { store in
            let uuid = VConBuilder.newID()
            let first = try TestVCons.ingest(TestVCons.document(uuid: uuid, subject: "one"))
            let a = try await store.create(first, replace: false)
            let again = try await store.create(first, replace: false)
            #expect(!again.created)
            #expect(again.version == a.version)

            let other = try TestVCons.ingest(TestVCons.document(uuid: uuid, subject: "two"))
            let error = await #expect(throws: StorageError.self) { try await store.create(other, replace: false) }
            #expect(error?.code == .conflict)
            #expect(try await store.get(uuid)?.document.bytes == first.bytes)

            let replaced = try await store.create(other, replace: true)
            #expect(!replaced.created)
            #expect(replaced.version > a.version)
            #expect(try await store.get(uuid)?.document.bytes == other.bytes)
            let page = try await store.search(VConSearchQuery(filter: VConFilter(subject: "two")))
            #expect(page.items.map(\.uuid) == [uuid])
        }
    }

    @Test func concurrentCreatesOfOneUUIDCreateOnce() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let results = try await withThrowingTaskGroup(of: WriteResult.self) { group in
                for _ in 0..<12 { group.addTask { try await store.create(vcon, replace: false) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter(\.created).count == 1)
            #expect(Set(results.map(\.version)).count == 1)
        }
    }

    @Test func invalidIngestIsRefused() async throws {
        try await withTestStore { store in
            let bad = VConIngest.ingest(Array(#"{"vcon":"0.4.0","parties":"nope"}"#.utf8), mode: .strict)
            let error = await #expect(throws: StorageError.self) { try await store.create(bad, replace: false) }
            #expect(error?.code == .invalid)
        }
    }

    @Test func updateMergesSetsUpdatedAtAndKeepsIdentity() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document(subject: "before"))
            let uuid = try #require(vcon.uuid)
            let created = try await store.create(vcon, replace: false)
            let updated = try await store.update(uuid, mergePatch: ["subject": "after", "meta": ["k": "v"]])
            #expect(updated.version > created.version)
            let document = try #require(try await store.get(uuid)).document.parsed()
            #expect(document["subject"] == "after")
            #expect(document["meta"]?["k"] == "v")
            #expect(document["uuid"]?.stringValue == uuid.string)
            #expect(document["updated_at"]?.stringValue != nil)
            let page = try await store.search(VConSearchQuery(filter: VConFilter(subject: "after")))
            #expect(page.items.first?.updatedAt != nil)

            for patch: JSON in [["uuid": .string(VConBuilder.newID().string)], ["created_at": "2020-01-01T00:00:00Z"]] {
                let error = await #expect(throws: StorageError.self) { try await store.update(uuid, mergePatch: patch) }
                #expect(error?.code == .invalid)
                #expect(error?.issues.first?.code == "immutable_field")
            }
        }
    }

    @Test func updateThatFailsValidationChangesNothing() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            let created = try await store.create(vcon, replace: false)
            let error = await #expect(throws: StorageError.self) {
                try await store.update(uuid, mergePatch: ["parties": "not an array"])
            }
            #expect(error?.code == .invalid)
            #expect(error?.issues.isEmpty == false)
            let stored = try #require(try await store.get(uuid))
            #expect(stored.version == created.version)
            #expect(stored.document.bytes == vcon.bytes)

            let missing = await #expect(throws: StorageError.self) {
                try await store.update(VConBuilder.newID(), mergePatch: ["subject": "x"])
            }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func deleteAndVersionMonotonicAcrossRecreate() async throws {
        try await withTestStore { store in
            let vcon = try TestVCons.ingest(TestVCons.document())
            let uuid = try #require(vcon.uuid)
            let first = try await store.create(vcon, replace: false)
            let deleteVersion = try #require(try await store.deleteReturningVersion(uuid))
            #expect(deleteVersion > first.version)
            #expect(try await store.get(uuid) == nil)
            #expect(try await store.delete(uuid) == false)
            #expect(try await store.tags(of: uuid) == nil)
            let again = try await store.create(vcon, replace: false)
            #expect(again.created)
            #expect(again.version > deleteVersion)
            #expect(try await store.delete(uuid))
            let rows = try await sqlRows(store, "SELECT count(*) FROM \(store.sql.schema.quoted).parties WHERE uuid = $1", [.text(uuid.string)])
            #expect(rows.int(0, 0) == 0)
        }
    }

    @Test func statusReportsUp() async throws {
        try await withTestStore { store in
            let status = await store.status()
            #expect(status.state == .up)
            #expect(status.detail.contains("PostgreSQL"))
            // libpq work runs on the connection's own thread, never on the cooperative pool.
            let onOwnThread = try await store.pool.run("test.thread") { c in c.executor.isCurrentThread }
            #expect(onOwnThread)
        }
    }
}
