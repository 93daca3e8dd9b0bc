import JSONCore
import TestSupport
import Testing
@testable import VConModel

/// Seeded property tests: generated vCons round-trip exactly and validate; one mutation is
/// rejected at the path it touched.
@Suite struct PropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test func generatedVConsRoundTripAndValidate() throws {
        for seed in Self.seeds {
            var g = SeededGenerator(seed: seed)
            let v = VConGenerator.make(&g)
            let json = v.json
            let decoded = try VCon(json: json)
            #expect(decoded == v, "seed \(seed): typed round trip")
            let bytes = v.encoded()
            let reparsed = try JSON.parse(bytes)
            #expect(reparsed == json, "seed \(seed): bytes round trip")
            #expect(try VCon(bytes: bytes) == v, "seed \(seed)")
            let errors = VConValidator.validate(json).filter { $0.severity == .error }
            #expect(errors.isEmpty, "seed \(seed): \(errors)")
            let ingested = VConIngest.ingest(bytes, mode: .strict)
            #expect(ingested.isValid && ingested.normalisations.isEmpty && ingested.bytes == bytes, "seed \(seed)")
        }
    }

    @Test func singleMutationsAreRejectedAtTheirPath() throws {
        var applied: [String: Int] = [:]
        for seed in Self.seeds {
            var g = SeededGenerator(seed: seed &* 7919)
            let v = VConGenerator.make(&g)
            for _ in 0..<4 {
                guard let m = Mutations.random(of: v, &g) else { continue }
                applied[m.name, default: 0] += 1
                let errors = VConValidator.validate(m.document).filter { $0.severity == .error }
                let found = errors.map { "\($0.code)@\($0.path)" }
                let expected = m.path.split(separator: "|").map { "\(m.code)@\($0)" }
                #expect(found == expected, "seed \(seed) mutation \(m.name)")
                #expect(!VConIngest.ingest(m.document, mode: .strict).isValid, "seed \(seed) mutation \(m.name)")
            }
        }
        // Every kind of mutation was exercised.
        #expect(Set(applied.keys) == Set(Mutations.names), "\(applied)")
    }
}
