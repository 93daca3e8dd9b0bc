import JSONCore
import VConModel

/// The derived columns and child rows of one document, as bound parameters.
struct DerivedColumns {
    let fields: VConSearchFields
    let counts: [Int]   // parties, dialog, analysis, attachments

    init(document: JSON) {
        // PostgreSQL text cannot hold U+0000. The document keeps it (JSON escapes it); the
        // search columns, which are only ever matched against, drop it.
        fields = VConSearchFields.derive(from: document).droppingNUL()
        counts = ["parties", "dialog", "analysis", "attachments"].map { document[$0]?.arrayValue?.count ?? 0 }
    }

    /// Parameters $1…$16 of `StoreSQL.insert` / `.replace`.
    func rowParameters(uuid: VConID, bytes: [UInt8], form: VConForm) -> [PGValue] {
        let texts = [fields.subjectText, fields.analysisText, fields.dialogText]
        return [
            .text(uuid.string), .bytes(bytes), .text(form.rawValue), .optional(fields.subject),
            .optional(fields.createdAt), .optional(fields.updatedAt),
            .optional(fields.firstDialogStart), .optional(fields.lastDialogStart),
            .int(counts[0]), .int(counts[1]), .int(counts[2]), .int(counts[3]),
            .text(texts.filter { !$0.isEmpty }.joined(separator: "\n")),
            .text(texts[0]), .text(texts[1]), .text(texts[2]),
        ]
    }

    /// The party keys as a JSON array for `json_to_recordset` (one bound value, any count).
    var partiesJSON: [UInt8]? {
        guard !fields.parties.isEmpty else { return nil }
        let rows: [JSON] = fields.parties.map { p in
            ["i": .int(p.index), "n": p.name.map(JSON.string) ?? .null,
             "t": p.tel.map(JSON.string) ?? .null, "m": p.mailto.map(JSON.string) ?? .null]
        }
        return JSON.array(rows).encoded()
    }

    var tagsJSON: [UInt8]? {
        guard !fields.tags.isEmpty else { return nil }
        let rows: [JSON] = fields.tags.enumerated().map { i, t in ["i": .int(i), "k": .string(t.key), "v": .string(t.value)] }
        return JSON.array(rows).encoded()
    }
}

extension PostgresConnection {
    /// Writes a document and all its derived data (call inside a transaction); returns the new version.
    /// `insert` uses `INSERT … ON CONFLICT DO NOTHING` and returns nil when the uuid exists.
    func writeDocument(_ sql: StoreSQL, uuid: VConID, bytes: [UInt8], document: JSON, form: VConForm,
                       insert: Bool, operation: String) throws -> Int64? {
        let derived = DerivedColumns(document: document)
        let rows = try query(insert ? sql.insert : sql.replace,
                             derived.rowParameters(uuid: uuid, bytes: bytes, form: form), operation: operation)
        guard !rows.isEmpty, let version = rows.int64(0, 0) else { return nil }
        let id = PGValue.text(uuid.string)
        if !insert {
            try query(sql.deleteParties, [id], operation: operation)
            try query(sql.deleteTags, [id], operation: operation)
        }
        if let parties = derived.partiesJSON { try query(sql.insertParties, [id, .bytes(parties)], operation: operation) }
        if let tags = derived.tagsJSON { try query(sql.insertTags, [id, .bytes(tags)], operation: operation) }
        return version
    }
}

private extension VConSearchFields {
    func droppingNUL() -> VConSearchFields {
        func clean(_ s: String) -> String { s.utf8.contains(0) ? s.replacingOccurrences(of: "\u{0}", with: "") : s }
        func clean(_ s: String?) -> String? { s.map(clean) }
        var copy = self
        copy.subject = clean(subject)
        copy.parties = parties.map { PartyKeys(index: $0.index, name: clean($0.name), tel: clean($0.tel), mailto: clean($0.mailto)) }
        copy.tags = tags.map { VConTag(key: clean($0.key), value: clean($0.value)) }
        copy.subjectText = clean(subjectText)
        copy.analysisText = clean(analysisText)
        copy.dialogText = clean(dialogText)
        return copy
    }
}
