import Foundation
import Testing
import VConModel
import JSONCore

@Test func dumpSamples() throws {
    guard let files = TestData.files(in: TestData.samplesDirectory, suffix: ".json") else { return }
    for f in files {
        let r = VConIngest.ingest(try TestData.bytes(f), mode: .lenient)
        print("=== \(f.lastPathComponent) form=\(r.form) uuid=\(r.uuid?.string ?? "nil") valid=\(r.isValid)")
        for n in r.normalisations { print("   N \(n)") }
        for e in r.errors { print("   E \(e)") }
        let w = Dictionary(grouping: r.warnings, by: \.code).mapValues(\.count)
        print("   W \(w)")
    }
}
