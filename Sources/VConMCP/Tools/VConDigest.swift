import JSONCore
import Storage
import VConModel

/// The `metadata` and `summary` views of a vCon. These parse the document, which is fine: they
/// exist for documents too large to send whole, and the bytes they return are few.
enum VConDigest {
    static func form(of document: JSON) -> VConForm {
        if document["payload"] != nil, document["signatures"] != nil { return .signed }
        if document["ciphertext"] != nil { return .encrypted }
        return .unsigned
    }

    static func metadata(of stored: StoredVCon, document: JSON) -> JSON {
        let dialog = document["dialog"]?.arrayValue ?? []
        let starts = dialog.compactMap { $0["start"]?.stringValue }
        return .object([
            "uuid": .string(stored.uuid.string),
            "version": .int(Int(stored.version)),
            "form": .string(form(of: document).rawValue),
            "subject": document["subject"]?.stringValue.map(JSON.string) ?? .null,
            "created_at": document["created_at"]?.stringValue.map(JSON.string) ?? .null,
            "updated_at": document["updated_at"]?.stringValue.map(JSON.string) ?? .null,
            "first_dialog_start": starts.min().map(JSON.string) ?? .null,
            "party_count": .int(document["parties"]?.arrayValue?.count ?? 0),
            "dialog_count": .int(dialog.count),
            "analysis_count": .int(document["analysis"]?.arrayValue?.count ?? 0),
            "attachment_count": .int(document["attachments"]?.arrayValue?.count ?? 0),
            "size_bytes": .int(stored.document.count),
        ])
    }

    static func metadata(of summary: VConSummary) -> JSON {
        .object([
            "uuid": .string(summary.uuid.string),
            "version": .int(Int(summary.version)),
            "form": .string(summary.form.rawValue),
            "subject": summary.subject.map(JSON.string) ?? .null,
            "created_at": summary.createdAt.map(JSON.string) ?? .null,
            "updated_at": summary.updatedAt.map(JSON.string) ?? .null,
            "first_dialog_start": summary.firstDialogStart.map(JSON.string) ?? .null,
            "party_count": .int(summary.partyCount),
            "dialog_count": .int(summary.dialogCount),
            "analysis_count": .int(summary.analysisCount),
            "attachment_count": .int(summary.attachmentCount),
        ])
    }

    static func summary(of stored: StoredVCon, document: JSON) -> JSON {
        guard case var .object(out) = metadata(of: stored, document: document) else { return .null }
        out["parties"] = .array(indexed(document["parties"]) { party in
            pick(party, ["name", "tel", "mailto", "role", "type", "org"])
        })
        out["dialog"] = .array(indexed(document["dialog"]) { d in
            var o = pick(d, ["type", "start", "mediatype", "disposition"])
            if let duration = d["duration"], duration.isNumber { o["duration"] = duration }
            return o
        })
        out["analysis"] = .array(indexed(document["analysis"]) { a in pick(a, ["type", "vendor", "product"]) })
        out["attachments"] = .array(indexed(document["attachments"]) { a in
            var o = pick(a, ["purpose", "mediatype", "filename"])
            if o["purpose"] == nil, let type = a["type"]?.stringValue { o["purpose"] = .string(type) }
            return o
        })
        var tags = JSONObject()
        if form(of: document) == .unsigned { for tag in VConTags.read(document) { tags[tag.key] = .string(tag.value) } }
        out["tags"] = .object(tags)
        return .object(out)
    }

    private static func indexed(_ array: JSON?, _ transform: (JSON) -> JSONObject) -> [JSON] {
        (array?.arrayValue ?? []).enumerated().map { i, element in
            var o = transform(element)
            o["index"] = .int(i)
            return .object(o)
        }
    }

    /// The named members that are strings (other kinds are left out so the schema stays simple).
    private static func pick(_ value: JSON, _ keys: [String]) -> JSONObject {
        var o = JSONObject()
        for key in keys { if let s = value[key]?.stringValue { o[key] = .string(s) } }
        return o
    }
}
