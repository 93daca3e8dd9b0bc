import TestSupport
import JSONCore
@testable import VConModel

/// One change that makes a valid vCon invalid, with the error it must produce.
struct Mutation {
    let name: String
    let document: JSON
    let code: String
    let path: String
}

enum Mutations {
    static let names = [
        "party_index", "originator", "bad_date", "bad_created_at", "bad_uuid", "wrong_encoding", "negative_duration",
        "dialog_type", "analysis_dialog", "attachment_party", "missing_vendor", "bad_base64url", "http_url",
        "bad_hash", "content_on_incomplete", "history_party", "transferee", "recordings", "redacted_and_amended",
        "critical", "missing_party", "null_array",
    ]

    static func random(of v: VCon, _ g: inout SeededGenerator) -> Mutation? {
        var candidates = names
        candidates.shuffle(using: &g)
        for name in candidates { if let m = apply(name, to: v, &g) { return m } }
        return nil
    }

    static func apply(_ name: String, to original: VCon, _ g: inout SeededGenerator) -> Mutation? {
        var v = original
        let partyCount = v.parties?.count ?? 0
        let dialogs = v.dialog ?? []
        func pickDialog(_ where: (Dialog) -> Bool) -> Int? {
            let matching = dialogs.indices.filter { `where`(dialogs[$0]) }
            return matching.isEmpty ? nil : g.pick(matching)
        }
        func done(_ code: String, _ path: String) -> Mutation { Mutation(name: name, document: v.json, code: code, path: path) }

        switch name {
        case "party_index":
            guard let i = pickDialog({ if case .channels(let c)? = $0.parties { return c.contains { if case .party = $0 { true } else { false } } } else { return false } }),
                  case var .channels(c)? = v.dialog![i].parties,
                  let j = c.firstIndex(where: { if case .party = $0 { true } else { false } }) else { return nil }
            c[j] = .party(partyCount + g.int(0...5))
            v.dialog![i].parties = .channels(c)
            return done("index_out_of_range", "dialog[\(i)].parties[\(j)]")
        case "originator":
            guard let i = pickDialog({ $0.type == .recording || $0.type == .text }) else { return nil }
            v.dialog![i].originator = partyCount
            return done("index_out_of_range", "dialog[\(i)].originator")
        case "bad_date":
            guard let i = pickDialog({ $0.start != nil }) else { return nil }
            v.dialog![i].start = g.pick(["2025-13-01T00:00:00Z", "yesterday", "2025-01-01 10:00:00Z", "2025-02-30T00:00:00Z"])
            return done("invalid_date", "dialog[\(i)].start")
        case "bad_created_at":
            v.createdAt = "2025-01-01T25:00:00Z"
            return done("invalid_date", "created_at")
        case "bad_uuid":
            v.uuid = "not-a-uuid"
            return done("invalid_uuid", "uuid")
        case "wrong_encoding":
            guard let i = pickDialog({ $0.content.encoding != nil }) else { return nil }
            v.dialog![i].content.encoding = ContentEncoding(rawValue: "base64")
            return done("invalid_encoding", "dialog[\(i)].encoding")
        case "negative_duration":
            guard let i = pickDialog({ $0.type == .recording || $0.type == .text }) else { return nil }
            v.dialog![i].duration = g.chance(0.5) ? .int(-1) : .double(-0.5)
            return done("negative_duration", "dialog[\(i)].duration")
        case "dialog_type":
            guard let i = pickDialog({ $0.type == .text || $0.type == .recording }) else { return nil }
            v.dialog![i].type = DialogType(rawValue: "video")
            return done("invalid_dialog_type", "dialog[\(i)].type")
        case "analysis_dialog":
            guard let analysis = v.analysis, let i = analysis.indices.first(where: { analysis[$0].dialog != nil }) else { return nil }
            v.analysis![i].dialog = .one(dialogs.count + 2)
            return done("index_out_of_range", "analysis[\(i)].dialog")
        case "attachment_party":
            guard let a = v.attachments, !a.isEmpty else { return nil }
            let i = g.int(0...(a.count - 1))
            v.attachments![i].party = partyCount
            return done("index_out_of_range", "attachments[\(i)].party")
        case "missing_vendor":
            guard let a = v.analysis, !a.isEmpty else { return nil }
            let i = g.int(0...(a.count - 1))
            v.analysis![i].vendor = nil
            return done("missing_required", "analysis[\(i)].vendor")
        case "bad_base64url":
            guard let i = pickDialog({ $0.content.encoding == .base64url }) else { return nil }
            v.dialog![i].content.body = .string(g.pick(["a+b/", "abc=d", "x", "has space"]))
            return done("invalid_base64url", "dialog[\(i)].body")
        case "http_url":
            guard let i = pickDialog({ $0.content.url != nil }) else { return nil }
            v.dialog![i].content.url = "http://media.example.com/a.wav"
            return done("url_not_https", "dialog[\(i)].url")
        case "bad_hash":
            guard let i = pickDialog({ if case .single? = $0.content.contentHash { true } else { false } }) else { return nil }
            v.dialog![i].content.contentHash = .single(g.pick(["sha512-abc", "sha512", "sha512-a+b", "-xyz"]))
            return done("invalid_content_hash", "dialog[\(i)].content_hash")
        case "content_on_incomplete":
            guard let i = pickDialog({ $0.type == .incomplete || $0.type == .transfer }) else { return nil }
            v.dialog![i].extra["url"] = nil
            v.dialog![i].content.body = "hello"
            v.dialog![i].content.encoding = .unencoded
            let path = "dialog[\(i)]"
            return Mutation(name: name, document: v.json, code: "content_not_allowed", path: path + ".body")
                .merging(secondPath: path + ".encoding")
        case "history_party":
            guard let i = pickDialog({ !($0.partyHistory ?? []).isEmpty }) else { return nil }
            let k = g.int(0...(v.dialog![i].partyHistory!.count - 1))
            v.dialog![i].partyHistory![k].party = partyCount + 1
            return done("index_out_of_range", "dialog[\(i)].party_history[\(k)].party")
        case "transferee":
            guard let i = pickDialog({ $0.type == .transfer }) else { return nil }
            v.dialog![i].transferee = partyCount
            return done("index_out_of_range", "dialog[\(i)].transferee")
        case "recordings":
            guard let i = pickDialog({ $0.type == .recordingSet }) else { return nil }
            v.dialog![i].recordings = (v.dialog![i].recordings ?? []) + [dialogs.count]
            return done("index_out_of_range", "dialog[\(i)].recordings[\(v.dialog![i].recordings!.count - 1)]")
        case "redacted_and_amended":
            let ref = VConReference(uuid: v.uuid)
            if v.redacted == nil { v.redacted = VConReference(uuid: v.uuid, type: "PII") }
            v.amended = ref
            return done("redacted_and_amended", "amended")
        case "critical":
            v.critical = ["x_unknown_critical"]
            return done("unsupported_critical_extension", "critical[0]")
        case "missing_party":
            guard let a = v.attachments, let i = a.indices.first(where: { a[$0].purpose != "tags" }) else { return nil }
            v.attachments![i].party = nil
            return done("missing_party", "attachments[\(i)].party")
        case "null_array":
            let key = g.pick(["parties", "dialog", "analysis", "attachments"])
            guard case var .object(o) = v.json else { return nil }
            // Removing parties also breaks references: only null out arrays nothing points into.
            if key == "parties" || key == "dialog" { return nil }
            if key == "attachments", (v.analysis ?? []).contains(where: { $0.attachment != nil }) { return nil }
            o[key] = .null
            return Mutation(name: name, document: .object(o), code: "invalid_type", path: key)
        default:
            return nil
        }
    }
}

extension Mutation {
    /// Content on a dialog that forbids it is reported once per member (`body` and `encoding`).
    func merging(secondPath: String) -> Mutation {
        Mutation(name: name, document: document, code: code, path: path + "|" + secondPath)
    }
}
