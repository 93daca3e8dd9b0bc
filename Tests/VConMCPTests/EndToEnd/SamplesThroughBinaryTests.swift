import Foundation
import JSONCore
import Testing

/// Every sample vCon through create_vcon and get_vcon: stored losslessly or refused with advice,
/// never a protocol error.
@Suite(.enabled(if: TestEnvironment.servicesConfigured))
struct SamplesThroughBinaryTests {
    @Test func everySampleIsStoredOrRefusedWithItsIssues() throws {
        let services = try TestEnvironment.requireServices()
        let directory = TestEnvironment.samplesDirectory
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
            .filter { $0.hasSuffix(".json") && $0 != "MANIFEST.json" }.sorted() ?? []
        guard !files.isEmpty else {
            if TestEnvironment.isCI { Issue.record("no samples in \(directory.path): set VCON_SAMPLES_DIR") }
            return
        }
        let setup = TestEnvironment.isolatedServerEnvironment(database: services.database, redis: services.redis,
                                                              extra: ["VCON_MAX_RESPONSE_BYTES": String(16 << 20)])
        defer { setup.cleanUp() }
        let c = try MCPTestClient(binary: try TestEnvironment.binary(), environment: setup.env)
        try c.initialize()
        var stored = 0, refused = 0
        for file in files {
            let bytes = try Array(Data(contentsOf: directory.appendingPathComponent(file)))
            guard let document = try? JSON.parse(bytes), document.objectValue != nil else { continue }
            let result = try c.call("create_vcon", ["vcon": document])
            if result["isError"] == true {
                refused += 1
                let text = MCPTestClient.text(result)
                #expect(text.contains("- ") || text.contains("already stored") || text.contains("uuid"), "\(file): \(text.prefix(200))")
                continue
            }
            stored += 1
            let created = try #require(result["structuredContent"], "\(file)")
            let uuid = try #require(created["uuid"]?.stringValue, "\(file)")
            let got = try c.ok("get_vcon", ["uuid": .string(uuid)])
            // Nothing normalised: the stored vCon is the one sent, member for member.
            if created["normalisations"]?.arrayValue?.isEmpty == true, created["created"] == true {
                #expect(got["vcon"] == document, "\(file) stored losslessly")
            }
            #expect(try c.ok("get_vcon", ["uuid": .string(uuid), "response_format": "summary"])["summary"]?["uuid"] == .string(uuid))
        }
        #expect(stored > 0 && stored + refused > 0)
        #expect(try c.finish() == 0)
    }
}
