import TestSupport
import JSONCore
@testable import VConModel

/// Random valid vCons built from the typed model: every reference in range, every format right.
enum VConGenerator {
    static func make(_ g: inout SeededGenerator) -> VCon {
        let partyCount = g.int(1...4)
        let parties = (0..<partyCount).map { _ in party(&g) }
        let types: [DialogType] = (0..<g.int(0...6)).map { _ in
            g.pick([.recording, .recording, .text, .text, .incomplete, .transfer, .recordingSet])
        }
        let dialogs = types.enumerated().map { i, t in dialog(&g, type: t, index: i, partyCount: partyCount, types: types) }
        let attachments = (0..<g.int(0...3)).map { _ in attachment(&g, partyCount: partyCount, dialogCount: dialogs.count) }
        let analysis = (0..<g.int(0...3)).map { _ in analysisEntry(&g, dialogCount: dialogs.count, attachmentCount: attachments.count) }
        var extra = g.extra()
        var extensions: [String]?
        if g.chance(0.3) {
            extensions = ["x_ext"]
            extra["x_ext"] = g.json()
        }
        let ms = UInt64(g.int(1_500_000_000_000...2_000_000_000_000))
        return VCon(
            uuid: UUIDv8.make(milliseconds: ms, domain: "gen.example", randomA: UInt16(g.int(0...0xFFF))).string,
            vcon: g.chance(0.7) ? "0.4.0" : nil,
            createdAt: g.date(),
            updatedAt: g.chance(0.3) ? g.date() : nil,
            subject: g.chance(0.6) ? g.text() : nil,
            extensions: extensions,
            critical: g.chance(0.1) ? ["wtf_transcription"] : nil,
            redacted: g.chance(0.1) ? VConReference(uuid: UUIDv8.make(milliseconds: ms, domain: "r", randomA: 1).string, type: "PII") : nil,
            parties: parties,
            dialog: g.chance(0.9) ? dialogs : (dialogs.isEmpty ? nil : dialogs),
            analysis: analysis.isEmpty && g.chance(0.5) ? nil : analysis,
            attachments: attachments.isEmpty && g.chance(0.5) ? nil : attachments,
            extra: extra)
    }

    static func party(_ g: inout SeededGenerator) -> Party {
        var p = Party(extra: g.extra())
        if g.chance(0.7) { p.tel = "+1" + String(g.int(2_000_000_000...9_999_999_999)) }
        if g.chance(0.5) { p.mailto = "mailto:user\(g.int(1...999))@example.com" }
        if g.chance(0.7) { p.name = g.text(); p.validation = g.pick(["none", "SIP", "STIR"]) }
        if g.chance(0.2) { p.civicAddress = CivicAddress(elements: ["country": "US", "a1": "CA", "pc": "94000"], extra: g.extra()) }
        if g.chance(0.3) { p.type = g.pick(["person", "bot", "organization"]) }
        if g.chance(0.2) { p.uuid = "any-string-\(g.int(0...99))" }
        if g.chance(0.2) { p.role = g.pick(["agent", "customer"]) }
        return p
    }

    static func index(_ g: inout SeededGenerator, _ count: Int) -> Int { g.int(0...(count - 1)) }

    static func ref(_ g: inout SeededGenerator, _ count: Int) -> IndexRef {
        g.chance(0.5) ? .one(index(&g, count)) : .many((0..<g.int(1...2)).map { _ in index(&g, count) })
    }

    static func inlineOrExternal(_ g: inout SeededGenerator, text: Bool) -> Content {
        if text {
            return Content(mediatype: g.chance(0.8) ? "text/plain" : nil, body: .string(g.text()), encoding: .unencoded)
        }
        if g.chance(0.5) {
            let bytes = (0..<g.int(0...40)).map { _ in UInt8(g.int(0...255)) }
            return Content(mediatype: "audio/x-wav", filename: g.chance(0.5) ? "a.wav" : nil,
                           body: .string(Base64URL.encode(bytes)), encoding: .base64url)
        }
        let digest = Base64URL.encode((0..<64).map { _ in UInt8(g.int(0...255)) })
        let hash: ContentHash = g.chance(0.8) ? .single("sha512-" + digest) : .list(["sha512-" + digest, "sha256-" + Base64URL.encode([UInt8](repeating: 7, count: 32))])
        return Content(mediatype: "audio/x-wav", url: "https://media.example.com/\(g.int(0...9999)).wav", contentHash: hash)
    }

    static func dialog(_ g: inout SeededGenerator, type: DialogType, index i: Int, partyCount: Int, types: [DialogType]) -> Dialog {
        var d = Dialog(type: type, start: g.date(), extra: g.extra())
        switch type {
        case .recording, .text:
            if g.chance(0.5) {
                d.parties = .channels((0..<g.int(1...3)).map { _ in
                    switch g.int(0...5) {
                    case 0: return .unknown
                    case 1: return .parties([index(&g, partyCount), index(&g, partyCount)])
                    default: return .party(index(&g, partyCount))
                    }
                })
            } else {
                d.parties = .single(index(&g, partyCount))
            }
            if g.chance(0.3) { d.originator = index(&g, partyCount) }
            d.duration = g.chance(0.5) ? .int(g.int(0...7200)) : .double(Double(g.int(0...72000)) / 10 + 0.5)
            d.content = inlineOrExternal(&g, text: type == .text)
            if type == .recording, g.chance(0.3) {
                d.partyHistory = (0..<g.int(1...3)).map { _ in
                    let event = g.pick(["join", "drop", "hold", "unhold", "mute", "unmute", "keydown", "keyup"])
                    return PartyHistoryEvent(party: index(&g, partyCount), time: g.date(), event: event,
                                             button: event.hasPrefix("key") ? String(g.int(0...9)) : nil)
                }
            }
            if type == .recording, let set = types.firstIndex(of: .recordingSet), g.chance(0.5) { d.recordingSet = set }
            if g.chance(0.2) {
                let pair = SessionID(local: "a8b7c6d5e4f34a2b9c1d0e1f2a3b4c5d", remote: g.chance(0.5) ? "00000000000000000000000000000000" : nil)
                d.sessionID = g.chance(0.5) ? .single(pair) : .perChannel([.single(pair), .single(SessionID()), .list([pair, pair])])
            }
            if g.chance(0.2) { d.application = "zoom" }
            if type == .text, g.chance(0.3) { d.messageID = "<\(g.int(0...999))@mail.example>" }
        case .incomplete:
            d.parties = .single(index(&g, partyCount))
            d.disposition = g.pick(["no-answer", "congestion", "failed", "busy", "hung-up", "voicemail-no-message"])
        case .transfer:
            d.transferee = index(&g, partyCount)
            d.transferor = index(&g, partyCount)
            d.transferTarget = ref(&g, partyCount)
            d.original = ref(&g, types.count)
            if g.chance(0.5) { d.consultation = ref(&g, types.count) }
            d.targetDialog = ref(&g, types.count)
        default: // recording-set
            d.parties = .channels((0..<partyCount).map { .party($0) })
            d.recordings = types.indices.filter { types[$0] == .recording }
            d.duration = .int(g.int(0...100))
        }
        return d
    }

    static func analysisEntry(_ g: inout SeededGenerator, dialogCount: Int, attachmentCount: Int) -> Analysis {
        var a = Analysis(type: g.pick(["summary", "transcript", "sentiment"]), vendor: g.pick(["openai", "deepgram"]), extra: g.extra())
        if dialogCount > 0 { a.dialog = ref(&g, dialogCount) }
        if attachmentCount > 0, g.chance(0.2) { a.attachment = .one(index(&g, attachmentCount)) }
        if g.chance(0.3) { a.product = "p" }
        if g.chance(0.3) { a.schema = "s" }
        a.content = g.chance(0.5) ? Content(body: g.json(), encoding: .json) : Content(mediatype: "text/plain", body: .string(g.text()), encoding: .unencoded)
        return a
    }

    static func attachment(_ g: inout SeededGenerator, partyCount: Int, dialogCount: Int) -> Attachment {
        var a = Attachment(purpose: g.pick(["tags", "notes", "crm"]), party: index(&g, partyCount), extra: g.extra())
        if g.chance(0.5) { a.start = g.date() }
        if dialogCount > 0, g.chance(0.3) { a.dialog = .one(index(&g, dialogCount)) }
        a.content = Content(mediatype: g.chance(0.5) ? "application/json" : nil, body: g.json(), encoding: .json)
        return a
    }
}
