import JSONCore
import VConModel

/// One fuzz input through the vCon decoder, normaliser and validator. A broken invariant traps,
/// which libFuzzer reports as a crash (and the replay executable exits non-zero).
enum VConFuzzCase {
    static func fixedNow() -> String { "2026-01-01T00:00:00Z" }

    static func run(_ bytes: [UInt8]) {
        let lenient = VConIngest.ingest(bytes, mode: .lenient, now: fixedNow)
        let strict = VConIngest.ingest(bytes, mode: .strict, now: fixedNow)
        let parsed = try? JSON.parse(bytes)

        // A JSON syntax error is one issue at `$` in both modes, never a crash.
        if parsed == nil {
            check(!lenient.isValid && !strict.isValid, "invalid JSON accepted")
            return
        }
        guard let value = parsed else { return }

        // The writer and the parser agree: encode, parse back, same value.
        check((try? JSON.parse(value.encoded())) == value, "JSON encode/parse round trip differs")

        // Ingest of the parsed value gives the same verdict as ingest of the bytes.
        let fromValue = VConIngest.ingest(value, mode: .strict, now: fixedNow)
        check(fromValue.isValid == strict.isValid, "bytes and value ingest disagree")

        // Strictly valid implies leniently valid.
        if strict.isValid { check(lenient.isValid, "strictly valid but leniently invalid") }

        // The validator runs on whatever lenient ingest produced.
        _ = VConValidator.validate(lenient.document)
        _ = VConValidator.validate(value, options: ValidationOptions(lenient: true))

        // Whatever validates (unsigned) decodes into the typed model, and the typed model
        // round-trips through its encoding.
        for result in [lenient, strict] where result.isValid && result.form == .unsigned {
            guard let typed = try? VCon(json: result.document) else {
                check(false, "valid vCon does not decode into the typed model")
                return
            }
            let reparsed = try? VCon(bytes: typed.encoded())
            check(reparsed == typed, "typed encode/decode round trip differs")
        }
        // The typed model decodes or throws on anything, and re-encodes what it decoded.
        if let typed = try? VCon(json: value) {
            check((try? VCon(json: typed.json)) == typed, "typed json round trip differs")
        }
        _ = VConSearchFields.derive(from: lenient.document)
        _ = VConText.transcript(of: lenient.document)
    }

    static func check(_ condition: Bool, _ message: StaticString) {
        if !condition { fatalError("\(message)") }
    }
}
