import JSONCore
import Testing
@testable import VConModel

@Suite struct SearchFieldsTests {
    let doc: JSON = [
        "uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z", "subject": "Billing dispute",
        "parties": [["name": "Alice SMITH", "tel": "tel:+1 555-0100"], ["mailto": "MAILTO:Bob@Example.COM"], [:]],
        "dialog": [
            ["type": "text", "start": "2025-01-02T10:00:00+02:00", "parties": [0, 1], "encoding": "none", "body": "hello there"],
            ["type": "recording", "start": "2025-01-02T07:30:00Z", "parties": [0, 1], "encoding": "base64url", "body": "QUJDRA"],
            ["type": "text", "start": "2025-01-02T09:00:00Z", "parties": [1, 0], "encoding": "none", "body": "{not json but text}"],
        ],
        "analysis": [
            ["type": "transcript", "vendor": "v", "dialog": 1, "encoding": "json", "body": ["transcript": "spoken words", "words": [["word": "spoken"]]]],
            ["type": "summary", "vendor": "v", "dialog": 1, "encoding": "none", "body": "a short summary"],
            ["type": "transcript", "vendor": "v", "dialog": 1, "encoding": "none", "body": "[{\"text\":\"seg one\"},{\"text\":\"seg two\"}]"],
            ["type": "sentiment", "vendor": "v", "encoding": "json", "body": ["text": "not prose"]],
            ["type": "transcript", "vendor": "v", "encoding": "base64url", "body": "c2VjcmV0"],
        ],
        "attachments": [["purpose": "tags", "party": 0, "encoding": "json", "body": ["color:red"]]],
    ]

    @Test func derivesScalarsAndTags() {
        let f = VConSearchFields.derive(from: doc)
        #expect(f.subject == "Billing dispute")
        #expect(f.subjectText == "Billing dispute")
        #expect(f.createdAt == "2025-01-01T00:00:00Z")
        #expect(f.tags == [VConTag(key: "color", value: "red")])
    }

    @Test func firstAndLastStartCompareInstantsNotStrings() {
        let f = VConSearchFields.derive(from: doc)
        #expect(f.firstDialogStart == "2025-01-02T07:30:00Z")
        #expect(f.lastDialogStart == "2025-01-02T09:00:00Z") // 10:00+02:00 is 08:00Z
    }

    @Test func partyKeysAreNormalised() {
        let f = VConSearchFields.derive(from: doc)
        #expect(f.parties == [
            PartyKeys(index: 0, name: "alice smith", tel: "15550100", mailto: nil),
            PartyKeys(index: 1, name: nil, tel: nil, mailto: "bob@example.com"),
            PartyKeys(index: 2, name: nil, tel: nil, mailto: nil),
        ])
    }

    @Test func textComesFromTextDialogsTranscriptsAndSummariesNeverMedia() {
        let f = VConSearchFields.derive(from: doc)
        #expect(f.dialogText == "hello there\n{not json but text}")
        #expect(f.analysisText == "spoken words\na short summary\nseg one\nseg two")
        #expect(!f.analysisText.contains("secret"))
        #expect(!f.dialogText.contains("QUJDRA"))
    }

    @Test func signedFormIsReadThroughItsPayload() throws {
        let payload = Base64URL.encode(doc.encoded())
        let signed: JSON = ["payload": .string(payload), "signatures": [["protected": "e30", "signature": "AA"]]]
        #expect(VConSearchFields.derive(from: signed).subject == "Billing dispute")
        let encrypted: JSON = ["ciphertext": "xx", "iv": "yy", "unprotected": ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46"]]
        #expect(VConSearchFields.derive(from: encrypted) == VConSearchFields())
    }

    @Test func textIsCappedOnACharacterBoundary() {
        var budget = TextBudget(limit: 5)
        budget.add("abcé")  // 5 bytes exactly
        budget.add("more")
        #expect(budget.text == "abcé")
        var small = TextBudget(limit: 4)
        small.add("abcé")
        #expect(small.text == "abc")
    }

    @Test func transcriptShapes() {
        #expect(TextExtractor.text(of: "plain") == "plain")
        #expect(TextExtractor.text(of: ["transcript": "t"]) == "t")
        #expect(TextExtractor.text(of: [["text": "a"], ["text": "b"]]) == "a\nb")
        #expect(TextExtractor.text(of: "{\"transcript\": \"from json string\"}") == "from json string")
        #expect(TextExtractor.text(of: ["results": ["channels": [["alternatives": [["transcript": "deep"]]]]]]) == "deep")
        #expect(TextExtractor.text(of: ["score": 0.5]) == "")
    }

    @Test func transcriptViewInterleavesTextAndRecordings() {
        let t = VConText.transcript(of: doc)
        #expect(t == "Alice SMITH: hello there\nspoken words\nMAILTO:Bob@Example.COM: {not json but text}")
    }

    @Test func telAndMailtoNormalisation() {
        #expect(Formats.normalisedTel("tel:+1 (555) 010-0") == "15550100")
        #expect(Formats.normalisedTel("+44 20 7946 0958;ext=12") == "442079460958" + "12")
        #expect(Formats.normalisedTel("tel:") == nil)
        #expect(Formats.normalisedMailto("mailto:Jane.Doe@Example.org?subject=hi") == "jane.doe@example.org")
        #expect(Formats.normalisedMailto(" JOE@x.io ") == "joe@x.io")
        #expect(Formats.normalisedMailto("mailto:") == nil)
        #expect(Formats.isE164("+15550100"))
        #expect(Formats.isE164("tel:+442079460958"))
        #expect(!Formats.isE164("555-0100"))
        #expect(!Formats.isE164("+0123"))
    }
}

@Suite struct ReadableFormTests {
    @Test func rawDocumentsAndSignedPayloadsAreRead() throws {
        let doc: JSON = ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z", "subject": "S",
                         "parties": [["name": "A"]],
                         "dialog": [["type": "text", "start": "2025-01-01T00:00:00Z", "parties": [0], "encoding": "none", "body": "hi"]],
                         "attachments": [["purpose": "tags", "party": 0, "encoding": "json", "body": .raw(RawJSON(encoding: ["k:v"]))]]]
        let raw = JSON.raw(RawJSON(encoding: doc))
        #expect(VConSearchFields.derive(from: raw).subject == "S")
        #expect(VConTags.read(raw) == [VConTag(key: "k", value: "v")])
        #expect(VConTags.read(doc) == [VConTag(key: "k", value: "v")])
        let signed: JSON = ["payload": .string(Base64URL.encode(doc.encoded())), "signatures": []]
        #expect(VConText.transcript(of: signed) == "A: hi")
        #expect(VConTags.read(signed) == [VConTag(key: "k", value: "v")])
    }
}
