import Foundation
import JSONCore
import TestSupport
import Testing
import VConModel

/// Every input libFuzzer saved under Fuzz/Crashes/FuzzVCon (and the hand-written seeds) goes
/// through ingest in both modes, the validator and the typed model again: none may crash, and
/// the invariants FuzzVCon checks hold.
@Suite struct RegressionFuzzVConTests {
    @Test func savedFuzzInputsStayHarmless() throws {
        let inputs = FuzzInputs.inputs("Fuzz/Crashes/FuzzVCon") + FuzzInputs.inputs("Fuzz/Seeds/FuzzVCon")
        #expect(FileManager.default.fileExists(atPath: FuzzInputs.root.appendingPathComponent("Fuzz/Crashes/FuzzVCon").path))
        for (name, bytes) in inputs {
            let now = { "2026-01-01T00:00:00Z" }
            let lenient = VConIngest.ingest(bytes, mode: .lenient, now: now)
            let strict = VConIngest.ingest(bytes, mode: .strict, now: now)
            if strict.isValid { #expect(lenient.isValid, "\(name)") }
            _ = VConValidator.validate(lenient.document)
            for result in [lenient, strict] where result.isValid && result.form == .unsigned {
                let typed = try #require(try? VCon(json: result.document), "\(name): valid but does not decode")
                #expect(try VCon(bytes: typed.encoded()) == typed, "\(name)")
            }
            if let value = try? JSON.parse(bytes) {
                #expect(try JSON.parse(value.encoded()) == value, "\(name)")
            }
        }
    }
}
