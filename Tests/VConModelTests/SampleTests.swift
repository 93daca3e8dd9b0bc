import Foundation
import JSONCore
import Testing
import VConModel

/// Every sample file has a written verdict (SampleExpectations) and ingest must match it.
@Suite struct SampleTests {
    static let files: [URL] = TestData.files(in: TestData.samplesDirectory, suffix: ".json", recordMissing: false) ?? []

    @Test func everySampleHasAnExpectation() {
        // Under CI a missing folder fails here (the argument list above cannot record it).
        guard TestData.files(in: TestData.samplesDirectory, suffix: ".json") != nil else { return }
        let names = Set(Self.files.map(\.lastPathComponent))
        #expect(names.count == 49)
        for name in names.sorted() { #expect(SampleExpectations.outcomes[name] != nil, "no expectation for \(name)") }
        for name in SampleExpectations.outcomes.keys.sorted() { #expect(names.contains(name), "expectation for a missing file \(name)") }
    }

    @Test(arguments: files)
    func sampleMatchesItsExpectation(_ url: URL) throws {
        let bytes = try TestData.bytes(url)
        let name = url.lastPathComponent
        let outcome = try #require(SampleExpectations.outcomes[name])
        let lenient = VConIngest.ingest(bytes, mode: .lenient)
        let strict = VConIngest.ingest(bytes, mode: .strict)
        switch outcome {
        case .valid:
            let valid = lenient.isValid
            #expect(valid, "\(lenient.errors)")
            #expect(lenient.normalisations.isEmpty)
            let sameBytes = lenient.bytes == bytes
            #expect(sameBytes)
            let strictValid = strict.isValid
            #expect(strictValid)
        case let .normalised(changes):
            let valid = lenient.isValid
            #expect(valid, "\(lenient.errors)")
            #expect(lenient.normalisations.map(\.path) == changes)
            // Strict mode rejects exactly what lenient mode normalised.
            let strictValid = strict.isValid
            #expect(!strictValid)
            let strictPaths = Set(strict.errors.map(\.path))
            #expect(Set(changes).isSubset(of: strictPaths))
            // The stored bytes are the normalised document, and normalising is idempotent.
            let storedMatches = try JSON.parse(lenient.bytes) == lenient.document
            #expect(storedMatches)
            let again = VConIngest.ingest(lenient.bytes, mode: .lenient)
            let againValid = again.isValid
            #expect(againValid, "\(again.errors)")
            #expect(again.normalisations.map(\.path) == [])
        case let .signed(uuid):
            #expect(lenient.form == .signed)
            #expect(lenient.uuid?.string == uuid)
            let parsed = try JSON.parse(bytes)
            let keptAsReceived = lenient.bytes == bytes && lenient.document == parsed
            #expect(keptAsReceived)
            let valid = lenient.isValid && strict.isValid
            #expect(valid)
        case let .encrypted(uuid):
            #expect(lenient.form == .encrypted)
            #expect(lenient.uuid?.string == uuid)
            let keptAsReceived = lenient.bytes == bytes
            #expect(keptAsReceived)
            let valid = lenient.isValid && strict.isValid
            #expect(valid)
        case let .rejected(errors):
            let rejected = !lenient.isValid && !strict.isValid
            #expect(rejected)
            #expect(lenient.errors.map { "\($0.code)@\($0.path)" } == errors)
            for issue in lenient.errors { #expect(!issue.message.isEmpty) }
        }
    }
}
