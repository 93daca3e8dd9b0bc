import JSONCore

/// Pulls readable text out of the many shapes transcripts and summaries come in: a string,
/// `{"transcript": …}`, `{"text": …}`, arrays of `{text}`, Deepgram/whisper nestings, and JSON strings of these.
enum TextExtractor {
    /// Keys tried in order; the first one that yields text wins, so a Deepgram result gives its
    /// transcript once rather than again word by word.
    static let keys = ["transcript", "text", "summary", "content", "value", "segments", "utterances", "paragraphs",
                       "results", "channels", "alternatives", "messages", "body"]

    static func text(of value: JSON, depth: Int = 0) -> String {
        guard depth < 12 else { return "" }
        switch value {
        case let .string(s):
            if let first = s.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }),
               first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
               let parsed = try? JSON.parse(s) {
                return text(of: parsed, depth: depth + 1)
            }
            return s
        case let .array(items):
            var out = ""
            for item in items {
                let t = text(of: item, depth: depth + 1)
                if t.isEmpty { continue }
                if !out.isEmpty { out += "\n" }
                out += t
            }
            return out
        case let .raw(r):
            return (try? r.parsed()).map { text(of: $0, depth: depth + 1) } ?? ""
        case let .object(o):
            for key in keys {
                guard let v = o[key] else { continue }
                let t = text(of: v, depth: depth + 1)
                if !t.isEmpty { return t }
            }
            return ""
        default:
            return ""
        }
    }

    /// Text of inline content (dialog, analysis), never of base64url media.
    static func contentText(_ o: JSONObject) -> String {
        guard let body = o["body"] else { return "" }
        switch o["encoding"]?.stringValue {
        case "base64url"?: return ""
        case "json"?: return text(of: body)
        default:
            if case let .string(s) = body { return text(of: .string(s)) }
            return text(of: body)
        }
    }
}
