import JSONCore

/// A derived product of the conversation: transcript, summary, sentiment …
public struct Analysis: Sendable, Equatable, JSONConvertible {
    public var type: String?
    public var vendor: String?
    public var dialog: IndexRef?
    public var attachment: IndexRef?
    public var product: String?
    public var schema: String?
    public var content: Content
    public var extra: JSONObject

    public init(type: String?, vendor: String?, dialog: IndexRef? = nil, attachment: IndexRef? = nil, product: String? = nil,
                schema: String? = nil, content: Content = Content(), extra: JSONObject = JSONObject()) {
        self.type = type; self.vendor = vendor; self.dialog = dialog; self.attachment = attachment
        self.product = product; self.schema = schema; self.content = content; self.extra = extra
    }

    static let keys: Set<String> = Content.keys.union(["type", "vendor", "dialog", "attachment", "product", "schema"])

    public init(json: JSON, path: String = "analysis") throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        type = try r.string("type"); vendor = try r.string("vendor")
        dialog = try r.indexRef("dialog"); attachment = try r.indexRef("attachment")
        product = try r.string("product"); schema = try r.string("schema")
        content = try Content(r)
        extra = r.extra(known: Self.keys)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 8 + extra.count)
        w.set("type", type); w.set("vendor", vendor); w.set("dialog", dialog); w.set("attachment", attachment)
        w.set("product", product); w.set("schema", schema)
        content.write(&w)
        w.merge(extra)
        return w.json
    }
}

/// A document or data that goes with the conversation (tags, CRM records, slides …).
public struct Attachment: Sendable, Equatable, JSONConvertible {
    public var purpose: String?
    public var start: String?
    public var party: Int?
    public var dialog: IndexRef?
    public var content: Content
    public var extra: JSONObject

    public init(purpose: String?, start: String? = nil, party: Int? = nil, dialog: IndexRef? = nil,
                content: Content = Content(), extra: JSONObject = JSONObject()) {
        self.purpose = purpose; self.start = start; self.party = party; self.dialog = dialog
        self.content = content; self.extra = extra
    }

    static let keys: Set<String> = Content.keys.union(["purpose", "start", "party", "dialog"])

    public init(json: JSON, path: String = "attachment") throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        purpose = try r.string("purpose"); start = try r.string("start"); party = try r.int("party")
        dialog = try r.indexRef("dialog")
        content = try Content(r)
        extra = r.extra(known: Self.keys)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 6 + extra.count)
        w.set("purpose", purpose); w.set("start", start); w.set("party", party); w.set("dialog", dialog)
        content.write(&w)
        w.merge(extra)
        return w.json
    }
}
