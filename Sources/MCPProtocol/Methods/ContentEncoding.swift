import JSONCore

/// Wire forms of content blocks and resource contents, gated by revision.
enum ContentEncoding {
    static func block(_ block: ContentBlock, revision: ProtocolRevision) -> JSON {
        switch block {
        case let .text(text):
            return ["type": "text", "text": .string(text)]
        case let .jsonText(value):
            return ["type": "text", "text": jsonTextLiteral(value)]
        case let .resourceLink(uri, name, mimeType, description):
            guard revision.hasStructuredOutput else {
                // resource_link arrived in 2025-06-18: older clients get the same facts as text.
                var text = "\(name): \(uri)"
                if let mimeType { text += " (\(mimeType))" }
                if let description { text += " — \(description)" }
                return ["type": "text", "text": .string(text)]
            }
            var o: JSONObject = ["type": "resource_link", "uri": .string(uri), "name": .string(name)]
            if let mimeType { o["mimeType"] = .string(mimeType) }
            if let description { o["description"] = .string(description) }
            return .object(o)
        }
    }

    /// The JSON string literal whose content is the compact encoding of `value`: the value is
    /// encoded once (raw fragments spliced as they are), then escaped in a single pass.
    static func jsonTextLiteral(_ value: JSON) -> JSON {
        if case let .raw(raw) = value { return rawTextLiteral(raw) }
        return rawTextLiteral(RawJSON(unchecked: value.encoded()))
    }

    /// The JSON string literal of pre-encoded bytes, escaped in one pass, never parsed.
    static func rawTextLiteral(_ raw: RawJSON) -> JSON {
        var w = JSONWriter(reservingCapacity: raw.count + raw.count / 8 + 16)
        w.appendStringLiteral(raw)
        return .raw(RawJSON(unchecked: w.bytes))
    }

    static func resourceContents(_ c: ResourceContents) -> JSON {
        var o: JSONObject = ["uri": .string(c.uri)]
        if let mimeType = c.mimeType { o["mimeType"] = .string(mimeType) }
        switch c.body {
        case let .text(text): o["text"] = .string(text)
        case let .jsonText(raw): o["text"] = rawTextLiteral(raw)
        case let .blob(base64): o["blob"] = .string(base64)
        }
        return .object(o)
    }
}
