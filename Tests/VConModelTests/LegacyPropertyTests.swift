import JSONCore
import TestSupport
import Testing
@testable import VConModel

/// Writing a valid vCon the way legacy producers did, then ingesting it leniently, gives back the
/// original: each rewrite is reported, and strict mode rejects the legacy form.
@Suite struct LegacyPropertyTests {
    static func legacyize(_ v: VCon, _ g: inout SeededGenerator) -> (JSON, Int) {
        guard case var .object(top) = v.json else { return (v.json, 0) }
        var changes = 0
        func rename(_ o: inout JSONObject, _ from: String, _ to: String) {
            guard let value = o.removeValue(forKey: from) else { return }
            o[to] = value
            changes += 1
        }
        if top["critical"] != nil, g.chance(0.5) { rename(&top, "critical", "must_support") }
        if top["redacted"] == nil, top["amended"] == nil, g.chance(0.5) { top["redacted"] = [:]; changes += 1 }
        if g.chance(0.5) { top["group"] = []; changes += 1 }
        if g.chance(0.3) { top["appended"] = .null; changes += 1 }
        if case var .array(dialogs)? = top["dialog"] {
            for i in dialogs.indices {
                guard case var .object(d) = dialogs[i] else { continue }
                if d["mediatype"] != nil, g.chance(0.5) { rename(&d, "mediatype", "mimetype") }
                if d["transfer_target"] != nil, g.chance(0.5) { rename(&d, "transfer_target", "transfer-target") }
                if d["target_dialog"] != nil, g.chance(0.5) { rename(&d, "target_dialog", "target-dialog") }
                if case let .string(s)? = d["start"], s.hasSuffix("Z"), g.chance(0.3) {
                    d["start"] = .string(String(s.dropLast()))
                    changes += 1
                }
                if case let .string(hash)? = d["content_hash"], hash.hasPrefix("sha512-"), g.chance(0.5) {
                    d["content_hash"] = nil
                    d["alg"] = "SHA-512"
                    d["signature"] = .string(String(hash.dropFirst(7)))
                    changes += 1
                }
                dialogs[i] = .object(d)
            }
            top["dialog"] = .array(dialogs)
        }
        if case var .array(analysis)? = top["analysis"] {
            for i in analysis.indices {
                guard case var .object(a) = analysis[i] else { continue }
                if a["schema"] != nil, g.chance(0.5) { rename(&a, "schema", g.pick(["vendor_schema", "schema_version"])) }
                if case let .int(d)? = a["dialog"], g.chance(0.5) { a["dialog"] = .string(String(d)); changes += 1 }
                analysis[i] = .object(a)
            }
            top["analysis"] = .array(analysis)
        }
        if case var .array(attachments)? = top["attachments"] {
            for i in attachments.indices {
                guard case var .object(a) = attachments[i] else { continue }
                if a["purpose"] != nil, g.chance(0.5) { rename(&a, "purpose", "type") }
                attachments[i] = .object(a)
            }
            top["attachments"] = .array(attachments)
        }
        return (.object(top), changes)
    }

    @Test func lenientIngestUndoesLegacyRewrites() throws {
        var exercised = 0
        for seed in UInt64(1)...300 {
            var g = SeededGenerator(seed: seed &* 104_729)
            let v = VConGenerator.make(&g)
            let (legacy, changes) = Self.legacyize(v, &g)
            let lenient = VConIngest.ingest(legacy, mode: .lenient)
            let valid = lenient.isValid
            #expect(valid, "seed \(seed): \(lenient.errors)")
            #expect(lenient.normalisations.count == changes, "seed \(seed): \(lenient.normalisations)")
            let restored = try VCon(json: lenient.document)
            #expect(restored == v, "seed \(seed)")
            if changes > 0 {
                exercised += 1
                let strictValid = VConIngest.ingest(legacy, mode: .strict).isValid
                #expect(!strictValid, "seed \(seed)")
            }
        }
        #expect(exercised > 200)
    }

    @Test func appendingKeepsOrderAndMovesUpdatedAt() {
        let doc: JSON = ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z", "dialog": [["type": "text"]]]
        let (out, index) = VConEdit.appending(["type": "recording"], to: .dialog, in: doc, now: "2025-02-01T00:00:00.000Z")
        #expect(index == 1)
        #expect(out["dialog"]?.arrayValue?.map { $0["type"] } == ["text", "recording"])
        #expect(out["updated_at"] == "2025-02-01T00:00:00.000Z")
        let (withParty, partyIndex) = VConEdit.appending(["name": "A"], to: .parties, in: doc)
        #expect(partyIndex == 0 && withParty["parties"]?.arrayValue?.count == 1)
    }
}
