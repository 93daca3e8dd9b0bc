import JSONCore

/// An unsigned vCon, typed. Decoding and encoding are lossless: unknown members (`meta`, extension
/// and vendor fields) are kept in `extra` at every level, and numbers keep their integer-ness.
public struct VCon: Sendable, Equatable, JSONConvertible {
    public var uuid: String
    public var vcon: String?
    public var createdAt: String?
    public var updatedAt: String?
    public var subject: String?
    public var extensions: [String]?
    public var critical: [String]?
    public var redacted: VConReference?
    public var amended: VConReference?
    public var parties: [Party]?
    public var dialog: [Dialog]?
    public var analysis: [Analysis]?
    public var attachments: [Attachment]?
    public var extra: JSONObject

    public init(uuid: String, vcon: String? = nil, createdAt: String? = nil, updatedAt: String? = nil, subject: String? = nil,
                extensions: [String]? = nil, critical: [String]? = nil, redacted: VConReference? = nil,
                amended: VConReference? = nil, parties: [Party]? = nil, dialog: [Dialog]? = nil,
                analysis: [Analysis]? = nil, attachments: [Attachment]? = nil, extra: JSONObject = JSONObject()) {
        self.uuid = uuid; self.vcon = vcon; self.createdAt = createdAt; self.updatedAt = updatedAt; self.subject = subject
        self.extensions = extensions; self.critical = critical; self.redacted = redacted; self.amended = amended
        self.parties = parties; self.dialog = dialog; self.analysis = analysis; self.attachments = attachments
        self.extra = extra
    }

    static let keys: Set<String> = ["uuid", "vcon", "created_at", "updated_at", "subject", "extensions", "critical",
                                    "redacted", "amended", "parties", "dialog", "analysis", "attachments"]

    /// Decodes a typed vCon; throws `VConDecodingError` naming the first member of the wrong kind.
    public init(json: JSON) throws(VConDecodingError) {
        let r = try ObjectReader(json, path: "$")
        guard let id = try r.string("uuid") else { throw VConDecodingError(path: "uuid", expected: "string", found: "nothing") }
        uuid = id
        vcon = try r.string("vcon")
        createdAt = try r.string("created_at")
        updatedAt = try r.string("updated_at")
        subject = try r.string("subject")
        extensions = try r.strings("extensions")
        critical = try r.strings("critical")
        if let v = r.object["redacted"] { redacted = try VConReference(json: v, path: "redacted") }
        if let v = r.object["amended"] { amended = try VConReference(json: v, path: "amended") }
        parties = try r.array("parties") { v, p throws(VConDecodingError) in try Party(json: v, path: p) }
        dialog = try r.array("dialog") { v, p throws(VConDecodingError) in try Dialog(json: v, path: p) }
        analysis = try r.array("analysis") { v, p throws(VConDecodingError) in try Analysis(json: v, path: p) }
        attachments = try r.array("attachments") { v, p throws(VConDecodingError) in try Attachment(json: v, path: p) }
        extra = r.extra(known: Self.keys)
    }

    /// Parses and decodes.
    public init(bytes: [UInt8]) throws(VConDecodingError) {
        let value: JSON
        do { value = try JSON.parse(bytes) } catch {
            throw VConDecodingError(path: "$", expected: "JSON", found: "invalid JSON (\(error.description))")
        }
        try self.init(json: value)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 13 + extra.count)
        w.set("uuid", uuid)
        w.set("vcon", vcon)
        w.set("created_at", createdAt)
        w.set("updated_at", updatedAt)
        w.set("subject", subject)
        w.set("extensions", extensions)
        w.set("critical", critical)
        w.set("redacted", redacted)
        w.set("amended", amended)
        w.set("parties", parties)
        w.set("dialog", dialog)
        w.set("analysis", analysis)
        w.set("attachments", attachments)
        w.merge(extra)
        return w.json
    }

    public func encoded() -> [UInt8] { json.encoded() }
}

/// `redacted` / `amended`: the other vCon this one derives from.
public struct VConReference: Sendable, Equatable, JSONConvertible {
    public var uuid: String?
    /// The kind of redaction (`redacted` only).
    public var type: String?
    public var url: String?
    public var contentHash: ContentHash?
    public var extra: JSONObject

    public init(uuid: String?, type: String? = nil, url: String? = nil, contentHash: ContentHash? = nil, extra: JSONObject = JSONObject()) {
        self.uuid = uuid; self.type = type; self.url = url; self.contentHash = contentHash; self.extra = extra
    }

    static let keys: Set<String> = ["uuid", "type", "url", "content_hash"]

    public init(json: JSON, path: String) throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        uuid = try r.string("uuid"); type = try r.string("type"); url = try r.string("url")
        if let h = r.object["content_hash"] { contentHash = try ContentHash(h, path: r.at("content_hash")) }
        extra = r.extra(known: Self.keys)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 4 + extra.count)
        w.set("uuid", uuid); w.set("type", type); w.set("url", url); w.set("content_hash", contentHash)
        w.merge(extra)
        return w.json
    }
}
