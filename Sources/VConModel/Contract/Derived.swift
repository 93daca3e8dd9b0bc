import JSONCore

// CONTRACT: helpers Storage and the tools need (implemented in Derived/).

/// A party's normalised search keys.
public struct PartyKeys: Sendable, Equatable {
    public let index: Int
    public let name: String?     // lowercased
    public let tel: String?      // digits only ("tel:+1 555-0100" → "15550100")
    public let mailto: String?   // lowercased, "mailto:" stripped
    public init(index: Int, name: String?, tel: String?, mailto: String?) {
        self.index = index; self.name = name; self.tel = tel; self.mailto = mailto
    }
}

/// Everything search needs from one vCon, derived once on write.
public struct VConSearchFields: Sendable, Equatable {
    public var subject: String?
    public var createdAt: String?        // RFC 3339, as in the document
    public var updatedAt: String?
    public var firstDialogStart: String? // earliest dialog `start`
    public var lastDialogStart: String?
    public var parties: [PartyKeys]
    public var tags: [VConTag]
    /// Text for full-text search by weight: A subject, B analysis (summaries, transcripts…), C dialog text.
    public var subjectText: String
    public var analysisText: String
    public var dialogText: String

    public init(subject: String? = nil, createdAt: String? = nil, updatedAt: String? = nil,
                firstDialogStart: String? = nil, lastDialogStart: String? = nil, parties: [PartyKeys] = [],
                tags: [VConTag] = [], subjectText: String = "", analysisText: String = "", dialogText: String = "") {
        self.subject = subject; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.firstDialogStart = firstDialogStart; self.lastDialogStart = lastDialogStart
        self.parties = parties; self.tags = tags
        self.subjectText = subjectText; self.analysisText = analysisText; self.dialogText = dialogText
    }

    /// Derives the fields from an unsigned vCon (signed/encrypted forms: only what is readable).
    public static func derive(from document: JSON) -> VConSearchFields {
        SearchFieldsDeriver.derive(document)
    }
}

public struct VConTag: Sendable, Equatable, Hashable {
    public let key: String
    public let value: String
    public init(key: String, value: String) { self.key = key; self.value = value }
}

public enum VConTags {
    /// The tags of a vCon (from the attachment with purpose or type `tags`), in stored order.
    public static func read(_ document: JSON) -> [VConTag] {
        guard let readable = FormDetector.readable(document), let attachments = readable["attachments"]?.arrayValue,
              let i = TagsAttachment.index(in: attachments), let body = attachments[i]["body"] else { return [] }
        return TagsAttachment.tags(fromBody: body)
    }

    /// The document with its tags attachment's body replaced by `tags` (created when absent,
    /// appended at the end of `attachments`: entries are never reordered or removed).
    public static func writing(_ tags: [VConTag], into document: JSON) -> JSON {
        TagsAttachment.writing(tags, into: document)
    }
}

public enum VConText {
    /// The plain-text conversation (text dialogs and transcripts, in order) for a transcript view.
    public static func transcript(of document: JSON) -> String {
        TranscriptRenderer.render(document)
    }
}

public enum VConBuilder {
    /// A new UUIDv8 (the draft's layout).
    public static func newID() -> VConID {
        newID(domain: defaultDomain)
    }

    /// A new vCon with a fresh UUIDv8, `created_at` now (RFC 3339) and `vcon: "0.4.0"`,
    /// plus the given top-level fields (parties, subject, dialog …).
    public static func build(fields: JSONObject) -> JSON {
        var o = JSONObject(minimumCapacity: fields.count + 3)
        o["uuid"] = .string(newID().string)
        o["vcon"] = "0.4.0"
        o["created_at"] = .string(now())
        for (k, v) in fields { o[k] = v }  // explicit fields win (a caller may bring its own uuid)
        return .object(o)
    }

    /// Current time as RFC 3339 with milliseconds and `Z`.
    public static func now() -> String {
        RFC3339.format(millisecondsSinceEpoch: Int64(UUIDv8.currentMilliseconds()))
    }
}

extension VConTags {
    /// True for the attachment that holds the tags (purpose, or legacy type, `tags`).
    public static func isTagsAttachment(_ attachment: JSONObject) -> Bool { TagsAttachment.isTags(attachment) }
}

extension VConBuilder {
    /// The host name hashed into new UUIDv8s when the caller names none.
    public static let defaultDomain = "vcon-mcp.local"

    /// A new UUIDv8 whose custom bits come from `domain` (the FQHN of the producer).
    public static func newID(domain: String) -> VConID {
        UUIDv8.make(milliseconds: UUIDv8.currentMilliseconds(), domain: domain, randomA: UInt16.random(in: 0...0x0FFF))
    }
}
