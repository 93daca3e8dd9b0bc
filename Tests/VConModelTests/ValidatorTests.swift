import JSONCore
import Testing
@testable import VConModel

@Suite struct ValidatorTests {
    static let uuid = "01928e10-193e-8231-b9a2-279e0d16bc46"

    func doc(_ members: [String: JSON]) -> JSON {
        var o: JSONObject = ["uuid": .string(Self.uuid), "created_at": "2025-01-01T00:00:00Z",
                             "parties": [["tel": "+15550100", "name": "A", "validation": "none"], ["mailto": "mailto:b@x.io"]]]
        for (k, v) in members.sorted(by: { $0.key < $1.key }) { o[k] = v }
        return .object(o)
    }

    func errors(_ d: JSON, lenient: Bool = false) -> [String] {
        VConValidator.validate(d, options: ValidationOptions(lenient: lenient)).filter { $0.severity == .error }.map { "\($0.code)@\($0.path)" }
    }

    func warnings(_ d: JSON) -> [String] {
        VConValidator.validate(d).filter { $0.severity == .warning }.map { "\($0.code)@\($0.path)" }
    }

    @Test func minimalDocumentIsClean() {
        #expect(errors(doc([:])) == [])
        #expect(warnings(doc([:])) == [])
    }

    @Test func notAnObjectAndBadJSON() {
        #expect(errors([1, 2]) == ["not_object@$"])
        let r = VConIngest.ingest(Array("{\"uuid\":".utf8), mode: .lenient)
        #expect(r.errors.map(\.path) == ["$"])
        #expect(r.errors.first?.code == "invalid_json")
    }

    @Test func allIssuesAtOnce() {
        let d = doc(["created_at": "soon", "dialog": [["type": "video", "start": "x", "duration": -1, "parties": [5]]]])
        #expect(errors(d) == ["invalid_date@created_at", "invalid_dialog_type@dialog[0].type", "invalid_date@dialog[0].start",
                              "negative_duration@dialog[0].duration", "index_out_of_range@dialog[0].parties[0]"])
    }

    @Test func perChannelPartiesAndNulls() {
        let d = doc(["dialog": [["type": "recording", "start": "2025-01-01T00:00:00Z", "parties": [0, [1, 2], nil],
                                 "encoding": "base64url", "body": "AAAA", "mediatype": "audio/x-wav"]]])
        #expect(errors(d) == ["index_out_of_range@dialog[0].parties[1][1]"])
        let single = doc(["dialog": [["type": "incomplete", "start": "2025-01-01T00:00:00Z", "parties": 3, "disposition": "busy"]]])
        #expect(errors(single) == ["index_out_of_range@dialog[0].parties"])
    }

    @Test func contentForbiddenOnIncompleteTransferAndRecordingSet() {
        let d = doc(["dialog": [
            ["type": "incomplete", "start": "2025-01-01T00:00:00Z", "disposition": "no-answer", "url": "https://x/y", "content_hash": "sha512-AA"],
            ["type": "transfer", "start": "2025-01-01T00:00:00Z", "transferee": 0, "transferor": 1, "transfer_target": [0], "original": 0,
             "target_dialog": 2, "parties": [0]],
            ["type": "recording-set", "start": "2025-01-01T00:00:00Z", "recordings": [], "encoding": "none", "body": "x"],
        ]])
        let e = errors(d)
        #expect(e.contains("content_not_allowed@dialog[0].url"))
        #expect(e.contains("content_not_allowed@dialog[0].content_hash"))
        #expect(e.contains("field_not_allowed@dialog[1].parties"))
        #expect(e.contains("content_not_allowed@dialog[2].body"))
        #expect(e.contains("content_not_allowed@dialog[2].encoding"))
    }

    @Test func transferAndRecordingSetReferences() {
        let d = doc(["dialog": [
            ["type": "transfer", "start": "2025-01-01T00:00:00Z", "transferee": 2, "transferor": 0, "transfer_target": [1, 9],
             "original": 0, "consultation": [1, 7], "target_dialog": 3],
            ["type": "recording-set", "start": "2025-01-01T00:00:00Z", "recordings": [0, 4]],
            ["type": "text", "start": "2025-01-01T00:00:00Z", "encoding": "none", "body": "hi", "transferee": 0, "recording_set": 1],
            ["type": "recording-set", "start": "2025-01-01T00:00:00Z"],
        ]])
        #expect(errors(d) == [
            "index_out_of_range@dialog[0].transferee", "index_out_of_range@dialog[0].transfer_target[1]",
            "index_out_of_range@dialog[0].consultation[1]", "index_out_of_range@dialog[1].recordings[1]",
            "field_not_allowed@dialog[2].transferee", "field_not_allowed@dialog[2].recording_set",
            "missing_required@dialog[3].recordings",
        ])
    }

    @Test func sessionIDShapes() throws {
        let pair: JSON = ["local": "a8b7c6d5e4f34a2b9c1d0e1f2a3b4c5d", "remote": "00000000000000000000000000000000"]
        let d = doc(["dialog": [
            ["type": "incomplete", "start": "2025-01-01T00:00:00Z", "disposition": "busy", "session_id": pair],
            ["type": "incomplete", "start": "2025-01-01T00:00:00Z", "disposition": "busy", "session_id": [pair, [:], [pair, pair]]],
            ["type": "incomplete", "start": "2025-01-01T00:00:00Z", "disposition": "busy", "session_id": [pair, 3, ["local": 1]]],
            ["type": "incomplete", "start": "2025-01-01T00:00:00Z", "disposition": "busy", "session_id": "legacy-string"],
        ]])
        #expect(errors(d) == ["invalid_type@dialog[2].session_id[1]", "invalid_type@dialog[2].session_id[2].local"])
        #expect(warnings(d).contains("legacy_session_id@dialog[3].session_id"))
        var valid = d
        if case var .object(o) = valid, case var .array(dialogs)? = o["dialog"] {
            dialogs.remove(at: 2)
            o["dialog"] = .array(dialogs)
            valid = .object(o)
        }
        let typed = try VCon(json: valid)
        #expect(typed.dialog?[1].sessionID == .perChannel([.single(SessionID(local: "a8b7c6d5e4f34a2b9c1d0e1f2a3b4c5d", remote: "00000000000000000000000000000000")),
                                                          .single(SessionID()), .list([SessionID(local: "a8b7c6d5e4f34a2b9c1d0e1f2a3b4c5d", remote: "00000000000000000000000000000000"),
                                                                                       SessionID(local: "a8b7c6d5e4f34a2b9c1d0e1f2a3b4c5d", remote: "00000000000000000000000000000000")])]))
        #expect(typed.dialog?[2].sessionID == .legacy("legacy-string"))
        #expect(typed.json == valid)
    }

    @Test func incompleteNeedsAKnownDisposition() {
        let d = doc(["dialog": [["type": "incomplete", "start": "2025-01-01T00:00:00Z"],
                                ["type": "incomplete", "start": "2025-01-01T00:00:00Z", "disposition": "lost"]]])
        #expect(errors(d) == ["missing_required@dialog[0].disposition", "invalid_disposition@dialog[1].disposition"])
    }

    @Test func partyHistory() {
        let d = doc(["dialog": [["type": "recording", "start": "2025-01-01T00:00:00Z", "url": "https://m.example/a.wav",
                                 "content_hash": .string("sha512-" + Base64URL.encode([UInt8](repeating: 1, count: 64))),
                                 "party_history": [["party": 0, "time": "2025-01-01T00:00:01Z", "event": "join"],
                                                   ["party": 4, "time": "later", "event": "dance"],
                                                   ["party": 1, "time": "2025-01-01T00:00:02Z", "event": "keydown"]]]]])
        #expect(errors(d) == ["index_out_of_range@dialog[0].party_history[1].party", "invalid_date@dialog[0].party_history[1].time",
                              "invalid_event@dialog[0].party_history[1].event", "missing_required@dialog[0].party_history[2].button"])
    }

    @Test func inlineAndExternalContent() {
        let good = "sha512-" + Base64URL.encode([UInt8](repeating: 9, count: 64))
        let d = doc(["analysis": [
            ["type": "summary", "vendor": "v", "body": "no encoding"],
            ["type": "summary", "vendor": "v", "encoding": "base64", "body": "x"],
            ["type": "summary", "vendor": "v", "encoding": "none", "body": ["an": "object"]],
            ["type": "summary", "vendor": "v", "encoding": "base64url", "body": "not base64!"],
            ["type": "summary", "vendor": "v", "url": "http://insecure.example/x"],
            ["type": "summary", "vendor": "v", "url": "https://ok.example/x", "content_hash": "sha512-tooShort"],
            ["type": "summary", "vendor": "v", "url": "https://ok.example/x", "content_hash": .string(good)],
            ["type": "summary", "vendor": "v", "encoding": "json", "body": "[\"a JSON string is accepted\"]"],
            ["vendor": "v", "encoding": "json", "body": [:]],
        ]])
        #expect(errors(d) == [
            "missing_encoding@analysis[0].encoding", "invalid_encoding@analysis[1].encoding", "non_string_body@analysis[2].body",
            "invalid_base64url@analysis[3].body", "url_not_https@analysis[4].url", "missing_content_hash@analysis[4].content_hash",
            "invalid_content_hash@analysis[5].content_hash", "missing_required@analysis[8].type",
        ])
    }

    @Test func analysisAndAttachmentReferences() {
        let d = doc(["dialog": [["type": "text", "start": "2025-01-01T00:00:00Z", "encoding": "none", "body": "x"]],
                     "analysis": [["type": "summary", "vendor": "v", "dialog": [0, 1], "attachment": 2, "encoding": "none", "body": "s"]],
                     "attachments": [["purpose": "notes", "party": 2, "dialog": 1, "encoding": "none", "body": "n", "start": "bad"]]])
        #expect(errors(d) == ["index_out_of_range@analysis[0].dialog[1]", "index_out_of_range@analysis[0].attachment",
                              "invalid_date@attachments[0].start", "index_out_of_range@attachments[0].party",
                              "index_out_of_range@attachments[0].dialog"])
    }

    @Test func attachmentWithoutPartyIsAnErrorInStrictAndAWarningInLenient() {
        let d = doc(["attachments": [["purpose": "notes", "encoding": "none", "body": "n"]]])
        #expect(errors(d) == ["missing_party@attachments[0].party"])
        #expect(errors(d, lenient: true) == [])
    }

    @Test func topLevelRules() {
        let ref: JSON = ["uuid": .string(Self.uuid)]
        let d = doc(["redacted": ["uuid": .string(Self.uuid), "type": "PII"], "amended": ref, "critical": ["x_unknown", "wtf_transcription"],
                     "extensions": "nope", "dialog": .null, "analysis": ["not": "array"], "vcon": 4])
        let e = Set(errors(d))
        #expect(e == ["redacted_and_amended@amended", "invalid_type@vcon", "invalid_type@dialog", "invalid_type@analysis",
                      "invalid_type@extensions", "unsupported_critical_extension@critical[0]"])
        #expect(errors(doc(["uuid": "nope"])) == ["invalid_uuid@uuid"])
        #expect(errors(["created_at": "2025-01-01T00:00:00Z"]) == ["missing_required@uuid"])
    }

    @Test func warnings() {
        let d = doc(["uuid": "6ba7b810-9dad-41d1-80b4-00c04fd430c8", "vcon": "0.0.1", "meta": ["a": 1], "x_ext": 1,
                     "extensions": ["x_ext"],
                     "parties": [["tel": "555-0100", "name": "No Validation", "type": "alien"]],
                     "dialog": [["type": "text", "start": "2025-01-01T00:00:00Z", "parties": [0], "mediatype": "text/x-weird"]]])
        #expect(Set(warnings(d)) == ["uuid_not_v8@uuid", "version_mismatch@vcon", "unknown_key@meta", "tel_not_e164@parties[0].tel",
                                     "name_without_validation@parties[0].name", "unknown_party_type@parties[0].type",
                                     "unusual_mediatype@dialog[0].mediatype", "missing_content@dialog[0]"])
        #expect(errors(d) == [])
    }

    @Test func messagesNeverEchoLongContent() {
        let secret = String(repeating: "s", count: 500)
        let d = doc(["vcon": .string(secret), secret: 1])
        for issue in VConValidator.validate(d) { #expect(issue.message.count < 300) }
    }
}
