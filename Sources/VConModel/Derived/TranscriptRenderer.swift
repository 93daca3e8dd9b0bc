import JSONCore

/// The conversation as plain text: each text dialog as `name: message`, each other dialog by the
/// transcript analysis that refers to it, in dialog order.
enum TranscriptRenderer {
    static func render(_ document: JSON) -> String {
        guard let readable = FormDetector.readable(document), case let .object(top) = readable else { return "" }
        let parties = top["parties"]?.arrayValue ?? []
        let dialogs = top["dialog"]?.arrayValue ?? []
        var transcripts: [Int: [String]] = [:]
        var unattached: [String] = []
        for a in top["analysis"]?.arrayValue ?? [] {
            guard let o = a.objectValue, let type = o["type"]?.stringValue?.lowercased(),
                  type.contains("transcri") || type == "diarized" else { continue }
            let text = SearchFieldsDeriver.analysisBodyText(o)
            guard !text.isEmpty else { continue }
            let targets: [Int]
            switch o["dialog"] {
            case let .int(i)?: targets = [i]
            case let .array(items)?: targets = items.compactMap(\.intValue)
            default: targets = []
            }
            // One transcript per dialog: the first wins (diarized versions repeat it).
            if let first = targets.first {
                if transcripts[first] == nil { transcripts[first] = [text] }
            } else {
                unattached.append(text)
            }
        }
        var lines: [String] = []
        for (i, d) in dialogs.enumerated() {
            guard let o = d.objectValue else { continue }
            if o["type"]?.stringValue == "text" {
                let message = SearchFieldsDeriver.dialogBodyText(o)
                guard !message.isEmpty else { continue }
                lines.append("\(speaker(o, parties)): \(message)")
            } else if let t = transcripts[i] {
                lines.append(contentsOf: t)
            }
        }
        lines.append(contentsOf: unattached)
        return lines.joined(separator: "\n")
    }

    /// The originator, else the first party of the dialog, by name, then tel or mailto.
    static func speaker(_ dialog: JSONObject, _ parties: [JSON]) -> String {
        var index = dialog["originator"]?.intValue
        if index == nil {
            switch dialog["parties"] {
            case let .int(i)?: index = i
            case let .array(items)?: index = items.first?.intValue ?? items.first?.arrayValue?.first?.intValue
            default: break
            }
        }
        guard let index, parties.indices.contains(index) else { return "unknown" }
        let p = parties[index]
        return p["name"]?.stringValue ?? p["tel"]?.stringValue ?? p["mailto"]?.stringValue ?? "party \(index)"
    }
}
