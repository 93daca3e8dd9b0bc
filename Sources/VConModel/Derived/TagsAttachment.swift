import JSONCore

/// Reading and writing the tags attachment.
///
/// A tags attachment is `{purpose: "tags", encoding: "json", body: ["key:value", …]}`; older producers
/// write `type` instead of `purpose`, and the body as a JSON string of the array, or as an object.
/// When we write one into a vCon that has parties it gets `party: 0` (the attachment rule needs a
/// contributor); a vCon without parties has nobody to point at, so its tags attachment carries no
/// `party` and the validator accepts exactly that case.
enum TagsAttachment {
    static func isTags(_ a: JSONObject) -> Bool {
        if case let .string(p)? = a["purpose"] { return p == "tags" }
        return a["type"]?.stringValue == "tags"
    }

    static func index(in attachments: [JSON]) -> Int? {
        attachments.firstIndex { $0.objectValue.map(isTags) ?? false }
    }

    static func tags(fromBody body: JSON) -> [VConTag] {
        switch body {
        case let .array(items):
            return items.compactMap { item in
                switch item {
                case let .string(s): return split(s)
                case let .int(i): return split(String(i))
                default: return nil
                }
            }
        case let .string(s):
            guard let parsed = try? JSON.parse(s), parsed.stringValue == nil else { return s.isEmpty ? [] : [split(s)] }
            return tags(fromBody: parsed)
        case let .raw(r):
            return (try? r.parsed()).map(tags(fromBody:)) ?? []
        case let .object(o):
            return o.map { key, value in VConTag(key: key, value: value.stringValue ?? value.encodedString()) }
        default:
            return []
        }
    }

    /// Splits on the first colon only (values may contain colons); no colon → empty value.
    static func split(_ entry: String) -> VConTag {
        guard let colon = entry.firstIndex(of: ":") else { return VConTag(key: entry, value: "") }
        return VConTag(key: String(entry[..<colon]), value: String(entry[entry.index(after: colon)...]))
    }

    static func body(_ tags: [VConTag]) -> JSON {
        .array(tags.map { .string($0.key + ":" + $0.value) })
    }

    static func writing(_ tags: [VConTag], into document: JSON) -> JSON {
        guard case var .object(top) = document else { return document }
        let hasParties = (top["parties"]?.arrayValue?.isEmpty == false)
        var attachments = top["attachments"]?.arrayValue ?? []
        if let i = index(in: attachments), case var .object(a) = attachments[i] {
            a["body"] = body(tags)
            a["encoding"] = "json"
            if a["party"] == nil, hasParties { a["party"] = 0 }
            attachments[i] = .object(a)
        } else {
            var a = JSONObject()
            a["purpose"] = "tags"
            if hasParties { a["party"] = 0 }
            a["encoding"] = "json"
            a["body"] = body(tags)
            attachments.append(.object(a))
        }
        top["attachments"] = .array(attachments)
        return .object(top)
    }
}
