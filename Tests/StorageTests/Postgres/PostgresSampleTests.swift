import Foundation
import JSONCore
import Testing
import VConModel
@testable import Storage

/// The shared sample vCons: every one that ingests is stored and read back byte for byte.
@Suite("Postgres store: sample vCons", .enabled(if: PGTestEnvironment.enabled))
struct PostgresSampleTests {
    static var samplesDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["VCON_SAMPLES_DIR"], !dir.isEmpty { return dir }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("../shared/vcon-samples").standardizedFileURL.path
    }

    func samples() throws -> [(String, [UInt8])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.samplesDirectory)) ?? []
        if names.isEmpty {
            if PGTestEnvironment.isCI { Issue.record("no samples in \(Self.samplesDirectory)") }
            return []
        }
        return try names.filter { $0.hasSuffix(".json") && $0 != "MANIFEST.json" }.sorted().map { name in
            (name, Array(try Data(contentsOf: URL(fileURLWithPath: Self.samplesDirectory + "/" + name))))
        }
    }

    @Test func everyValidSampleRoundTripsExactly() async throws {
        try await withTestStore { store in
            var stored = 0
            var forms: Set<VConForm> = []
            for (name, bytes) in try samples() {
                let vcon = VConIngest.ingest(bytes, mode: .lenient)
                guard vcon.isValid, let uuid = vcon.uuid else { continue }
                // Some samples share a uuid (an example and its signed form): replace keeps the last.
                _ = try await store.create(vcon, replace: true)
                let back = try #require(try await store.get(uuid), "\(name)")
                #expect(back.document.bytes == vcon.bytes, "\(name)")
                stored += 1
                forms.insert(vcon.form)
            }
            let available = try samples().count
            #expect(stored >= 20 || available == 0, "\(stored) of \(available) samples stored")
            let page = try await store.search(VConSearchQuery(limit: 1000, includeCount: true))
            #expect(page.totalCount == page.items.count)
            _ = try await store.searchContent(ContentSearchQuery(text: "call"))
        }
    }

    @Test func signedAndEncryptedFormsAreStoredButNotModified() async throws {
        try await withTestStore { store in
            var checked: Set<VConForm> = []
            for (name, bytes) in try samples() where name.contains("_signed.vcon.json") || name.contains("_encrypted.vcon.json") {
                let vcon = VConIngest.ingest(bytes, mode: .lenient)
                guard vcon.isValid, let uuid = vcon.uuid else { continue }
                #expect(vcon.form != .unsigned)
                _ = try await store.create(vcon, replace: true)
                #expect(try await store.get(uuid)?.document.bytes == bytes)
                let error = await #expect(throws: StorageError.self) { try await store.setTag(uuid, key: "k", value: "v") }
                #expect(error?.code == .invalid)
                #expect(error?.issues.first?.code == "immutable_form")
                let found = try await store.search(VConSearchQuery(limit: 100))
                #expect(found.items.contains { $0.uuid == uuid && $0.form == vcon.form })
                checked.insert(vcon.form)
            }
            if try !samples().isEmpty { #expect(checked == [.signed, .encrypted]) }
        }
    }
}
