import JSONCore
import VConModel

/// The derived columns and child rows of one document, as bound parameters.
struct DerivedColumns {
    let fields: VConSearchFields
    let counts: [Int]   // parties, dialog, analysis, attachments

    init(document: JSON) {
        fields = VConSearchFields.derive(from: document)
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
