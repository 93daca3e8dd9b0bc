import JSONCore

/// Derives the search columns of a vCon (see `VConSearchFields`).
enum SearchFieldsDeriver {
    /// Cap per text field, in UTF-8 bytes: PostgreSQL's tsvector is limited to 1 MB and a 3 MB
    /// transcript adds nothing to ranking that its first 256 KB does not.
    static let maxTextBytes = 256 * 1024

    /// Analysis types whose text goes to the B weight; other analyses (sentiment scores …) are data, not prose.
    static let textAnalysisTypes: Set<String> = [
        "transcript", "summary", "translation", "diarized", "wtf_transcription", "report", "notes", "topics",
        "keywords", "action_items", "transcription",
    ]

    static func derive(_ document: JSON) -> VConSearchFields {
        guard let readable = FormDetector.readable(document), case let .object(top) = readable else { return VConSearchFields() }
        var fields = VConSearchFields()
        fields.subject = top["subject"]?.stringValue
        fields.createdAt = top["created_at"]?.stringValue
        fields.updatedAt = top["updated_at"]?.stringValue
        fields.subjectText = fields.subject ?? ""
        fields.parties = partyKeys(top["parties"]?.arrayValue ?? [])
        fields.tags = VConTags.read(readable)
        let dialogs = top["dialog"]?.arrayValue ?? []
        (fields.firstDialogStart, fields.lastDialogStart) = startRange(dialogs)
        var dialogText = TextBudget(limit: maxTextBytes)
        for d in dialogs {
            guard let o = d.objectValue, o["type"]?.stringValue == "text" else { continue }
            dialogText.add(dialogBodyText(o))
        }
        var analysisText = TextBudget(limit: maxTextBytes)
        for a in top["analysis"]?.arrayValue ?? [] {
            guard let o = a.objectValue, let type = o["type"]?.stringValue, textAnalysisTypes.contains(type.lowercased()) else { continue }
            analysisText.add(analysisBodyText(o))
        }
        fields.dialogText = dialogText.text
        fields.analysisText = analysisText.text
        return fields
    }

    static func partyKeys(_ parties: [JSON]) -> [PartyKeys] {
        parties.enumerated().map { i, p in
            let name = p["name"]?.stringValue.map { $0.lowercased() }
            let tel = p["tel"]?.stringValue.flatMap(Formats.normalisedTel)
            let mail = (p["mailto"]?.stringValue ?? p["email"]?.stringValue).flatMap(Formats.normalisedMailto)
            return PartyKeys(index: i, name: name, tel: tel, mailto: mail)
        }
    }

    /// Earliest and latest dialog `start`, compared as instants, returned as written.
    static func startRange(_ dialogs: [JSON]) -> (String?, String?) {
        var first: (String, Double)?
        var last: (String, Double)?
        for d in dialogs {
            guard let s = d["start"]?.stringValue, let t = RFC3339.epochSeconds(s) else { continue }
            if first == nil || t < first!.1 { first = (s, t) }
            if last == nil || t > last!.1 { last = (s, t) }
        }
        return (first?.0, last?.0)
    }

    /// A text dialog's message: plain bodies as they are (a chat line that starts with `{` stays text).
    static func dialogBodyText(_ o: JSONObject) -> String {
        guard let body = o["body"] else { return "" }
        switch o["encoding"]?.stringValue {
        case "base64url"?: return ""
        case "json"?: return TextExtractor.text(of: body)
        default: return body.stringValue ?? ""
        }
    }

    /// An analysis's prose; legacy producers put it under `transcript` instead of `body`.
    static func analysisBodyText(_ o: JSONObject) -> String {
        if o["body"] != nil { return TextExtractor.contentText(o) }
        if let t = o["transcript"] { return TextExtractor.text(of: t) }
        return ""
    }
}

/// Joins text pieces with newlines up to a byte limit, cutting on a character boundary.
struct TextBudget {
    let limit: Int
    private(set) var text = ""
    private var bytes = 0

    init(limit: Int) { self.limit = limit }

    mutating func add(_ piece: String) {
        guard !piece.isEmpty, bytes < limit else { return }
        if !text.isEmpty { text += "\n"; bytes += 1 }
        let room = limit - bytes
        if piece.utf8.count <= room {
            text += piece
            bytes += piece.utf8.count
        } else {
            var taken = 0
            var end = piece.startIndex
            for ch in piece {
                let n = ch.utf8.count
                if taken + n > room { break }
                taken += n
                end = piece.index(after: end)
            }
            text += piece[..<end]
            bytes = limit
        }
    }
}
