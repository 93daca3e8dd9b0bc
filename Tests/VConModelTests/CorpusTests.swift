import Foundation
import JSONCore
import Testing
import VConModel

/// The fake-vcons corpus: every file ingests leniently and survives the typed model unchanged.
@Suite struct CorpusTests {
    @Test func everyCorpusFileIngestsAndRoundTrips() throws {
        guard let files = TestData.files(in: TestData.corpusDirectory, suffix: ".json") else { return }
        #expect(files.count == 601) // 601 vCons (the folder's 602nd entry is its LICENSE)
        var failures: [String] = []
        for url in files {
            let bytes = try TestData.bytes(url)
            let result = VConIngest.ingest(bytes, mode: .lenient)
            guard result.isValid else {
                failures.append("\(url.lastPathComponent): \(result.errors.map(\.description))")
                continue
            }
            let typed = try VCon(json: result.document)
            let reencoded = typed.encoded()
            let back = try JSON.parse(reencoded)
            if back != result.document { failures.append("\(url.lastPathComponent): typed round trip differs") }
            // The received bytes, too, survive the typed model (no normalisation involved).
            let original = try JSON.parse(bytes)
            if try VConDocument(json: original).json != original { failures.append("\(url.lastPathComponent): raw round trip differs") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}

@Suite struct SampleRoundTripTests {
    /// Every sample that decodes at all re-encodes to an equal value (signed and encrypted included).
    @Test func samplesRoundTripThroughTheTypedModel() throws {
        guard let files = TestData.files(in: TestData.samplesDirectory, suffix: ".json") else { return }
        var decoded = 0
        for url in files {
            let value = try JSON.parse(try TestData.bytes(url))
            guard let document = try? VConDocument(json: value) else { continue }
            decoded += 1
            let same = document.json == value
            #expect(same, "\(url.lastPathComponent)")
            let reparsed = try JSON.parse(document.json.encoded())
            #expect(reparsed == value, "\(url.lastPathComponent)")
        }
        #expect(decoded >= 30) // the rest lack a uuid or carry members of the wrong kind
    }

    /// Every sample that lenient ingest accepts decodes into the typed model.
    @Test func everyAcceptedSampleDecodes() throws {
        guard let files = TestData.files(in: TestData.samplesDirectory, suffix: ".json") else { return }
        for url in files {
            let result = VConIngest.ingest(try TestData.bytes(url), mode: .lenient)
            guard result.isValid else { continue }
            #expect(throws: Never.self, "\(url.lastPathComponent)") { try VConDocument(json: result.document) }
        }
    }
}

@Suite struct RawFragmentTests {
    /// Documents assembled from stored bytes (`.raw` fragments) decode like parsed ones.
    @Test func typedDecodeAcceptsRawFragments() throws {
        let party: JSON = ["name": "A", "tel": "+15550100"]
        let parsed: JSON = ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "parties": [party]]
        let withRaw: JSON = ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "parties": .raw(RawJSON(encoding: [party]))]
        #expect(try VCon(json: withRaw) == VCon(json: parsed))
        #expect(try VCon(json: .raw(RawJSON(encoding: parsed))) == VCon(json: parsed))
    }
}
