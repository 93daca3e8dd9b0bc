import JSONCore
import Testing
@testable import VConModel

@Suite struct NormaliserTests {
    static let fixedNow = "2026-01-01T00:00:00.000Z"
    let legacy: JSON = [
        "uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "vcon": "0.0.2",
        "appended": ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc47"], "must_support": ["wtf_transcription"],
        "redacted": [:], "group": [], "subject": .null,
        "parties": [["tel": "+15550100"]],
        "dialog": [
            ["type": "recording", "start": "2025-01-01T10:00:00.5", "parties": [0], "mimetype": "audio/x-wav",
             "url": "https://m.example/a.wav", "alg": "SHA-512",
             "signature": "344e83b80bbe17d8d253e0ed97f1aa4f418752df316bfac59410c2b68d964b11cb2f4f6dea2a9c5774619bb22dbe5e12db2061d9beba516affa59f5c9ad246d5"],
            ["type": "text", "start": "2025-01-01T10:00:00Z", "parties": [0], "body": "hello"],
            ["type": "transfer", "start": "2025-01-01T10:00:00Z", "transferee": 0, "transferor": 0, "transfer-target": 0,
             "original": 0, "target-dialog": 1],
        ],
        "analysis": [["type": "summary", "vendor": "v", "dialog": "1", "vendor_schema": "s1", "encoding": "none", "body": ["k": "v"]]],
        "attachments": [["type": "tags", "party": 0, "body": "[\"a:b\"]"]],
    ]

    @Test func lenientNormalisesAndReportsEachChange() throws {
        let r = VConIngest.ingest(legacy, mode: .lenient, now: { Self.fixedNow })
        #expect(r.isValid, "\(r.errors)")
        #expect(r.normalisations.map(\.path) == [
            "amended", "critical", "redacted", "group", "subject", "created_at",
            "dialog[0].start", "dialog[0].mediatype", "dialog[0].content_hash", "dialog[1].encoding",
            "dialog[2].transfer_target", "dialog[2].target_dialog",
            "analysis[0].schema", "analysis[0].dialog", "analysis[0].encoding",
            "attachments[0].purpose", "attachments[0].encoding",
        ])
        let d = r.document
        #expect(d["amended"]?["uuid"] == "01928e10-193e-8231-b9a2-279e0d16bc47")
        #expect(d["appended"] == nil && d["must_support"] == nil && d["redacted"] == nil && d["group"] == nil && d["subject"] == nil)
        #expect(d["critical"] == ["wtf_transcription"])
        #expect(d["created_at"] == .string(Self.fixedNow))
        let dialog0 = try #require(d["dialog"]?[0])
        #expect(dialog0["start"] == "2025-01-01T10:00:00.5Z")
        #expect(dialog0["mediatype"] == "audio/x-wav")
        #expect(dialog0["alg"] == nil && dialog0["signature"] == nil)
        let hash = try #require(dialog0["content_hash"]?.stringValue)
        #expect(hash.hasPrefix("sha512-") && Formats.contentHashProblem(hash) == nil) // hex digest re-encoded
        #expect(d["dialog"]?[1]?["encoding"] == "none")
        #expect(d["dialog"]?[2]?["transfer_target"] == 0 && d["dialog"]?[2]?["target_dialog"] == 1)
        #expect(d["analysis"]?[0]?["schema"] == "s1" && d["analysis"]?[0]?["dialog"] == 1 && d["analysis"]?[0]?["encoding"] == "json")
        #expect(d["attachments"]?[0]?["purpose"] == "tags" && d["attachments"]?[0]?["encoding"] == "json")
        #expect(VConTags.read(d) == [VConTag(key: "a", value: "b")])
        // The stored bytes are the normalised document.
        #expect(try JSON.parse(r.bytes) == d)
    }

    @Test func strictRejectsExactlyWhatLenientNormalises() {
        let lenient = VConIngest.ingest(legacy, mode: .lenient, now: { Self.fixedNow })
        let strict = VConIngest.ingest(legacy, mode: .strict, now: { Self.fixedNow })
        #expect(!strict.isValid)
        #expect(strict.normalisations.isEmpty)
        #expect(strict.errors.map(\.path) == lenient.normalisations.map(\.path))
        // Where a rule has a precise code, strict mode uses it and says what to write.
        let byPath = Dictionary(strict.errors.map { ($0.path, $0.code) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["created_at"] == "missing_required")
        #expect(byPath["dialog[0].start"] == "invalid_date")
        #expect(byPath["dialog[1].encoding"] == "missing_encoding")
        #expect(byPath["analysis[0].dialog"] == "invalid_index")
        #expect(byPath["amended"] == "needs_normalisation")
        #expect(strict.document == legacy) // strict mode changes nothing
    }

    @Test func nothingToNormaliseKeepsTheReceivedBytes() {
        let text = #"{"uuid":"01928e10-193e-8231-b9a2-279e0d16bc46",  "created_at":"2025-01-01T00:00:00Z","x":1.50}"#
        let bytes = Array(text.utf8)
        let r = VConIngest.ingest(bytes, mode: .lenient)
        #expect(r.isValid)
        #expect(r.normalisations.isEmpty)
        #expect(r.bytes == bytes)
        #expect(r.document["x"] == .double(1.5))
    }

    @Test func arraysAreNeverReorderedOrShortened() {
        let r = VConIngest.ingest(legacy, mode: .lenient, now: { Self.fixedNow })
        #expect(r.document["dialog"]?.arrayValue?.count == 3)
        #expect(r.document["dialog"]?.arrayValue?.map { $0["type"]?.stringValue ?? "" } == ["recording", "text", "transfer"])
    }

    @Test func signedAndEncryptedFormsAreKeptAsReceived() throws {
        let inner: JSON = ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z"]
        let payload = Base64URL.encode(inner.encoded())
        let withHeader = Array(#"{"payload":"\#(payload)","signatures":[{"header":{"uuid":"01928E10-193E-8231-B9A2-279E0D16BC46"},"signature":"x"}]}"#.utf8)
        let r1 = VConIngest.ingest(withHeader, mode: .strict)
        #expect(r1.form == .signed && r1.uuid?.string == "01928e10-193e-8231-b9a2-279e0d16bc46" && r1.bytes == withHeader && r1.isValid)
        let payloadOnly = Array(#"{"payload":"\#(payload)","signatures":[{"protected":"e30","signature":"x"}]}"#.utf8)
        #expect(VConIngest.ingest(payloadOnly, mode: .strict).uuid?.string == "01928e10-193e-8231-b9a2-279e0d16bc46")
        let noUUID = Array(#"{"payload":"e30","signatures":[]}"#.utf8)
        let r3 = VConIngest.ingest(noUUID, mode: .lenient)
        #expect(r3.form == .signed && r3.uuid == nil && !r3.isValid)
        let jwe = Array(#"{"unprotected":{"uuid":"01928e10-193e-8231-b9a2-279e0d16bc46"},"recipients":[],"iv":"a","ciphertext":"b","tag":"c"}"#.utf8)
        let r4 = VConIngest.ingest(jwe, mode: .strict)
        #expect(r4.form == .encrypted && r4.isValid && r4.bytes == jwe)
        let jweNoUUID = Array(#"{"recipients":[],"iv":"a","ciphertext":"b","tag":"c"}"#.utf8)
        #expect(VConIngest.ingest(jweNoUUID, mode: .lenient).errors.map(\.path) == ["unprotected.uuid"])
    }
}
