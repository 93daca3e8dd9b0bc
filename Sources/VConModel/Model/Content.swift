import JSONCore

/// Inline (`body` + `encoding`) or external (`url` + `content_hash`) content, with its media
/// type and file name: the members dialogs, analyses and attachments share.
public struct Content: Sendable, Equatable {
    public var mediatype: String?
    public var filename: String?
    public var body: JSON?
    public var encoding: ContentEncoding?
    public var url: String?
    public var contentHash: ContentHash?

    public init(mediatype: String? = nil, filename: String? = nil, body: JSON? = nil, encoding: ContentEncoding? = nil,
                url: String? = nil, contentHash: ContentHash? = nil) {
        self.mediatype = mediatype; self.filename = filename; self.body = body; self.encoding = encoding
        self.url = url; self.contentHash = contentHash
    }

    static let keys: Set<String> = ["mediatype", "filename", "body", "encoding", "url", "content_hash"]

    init(_ r: ObjectReader) throws(VConDecodingError) {
        mediatype = try r.string("mediatype")
        filename = try r.string("filename")
        body = r.object["body"]
        encoding = try r.string("encoding").map(ContentEncoding.init(rawValue:))
        url = try r.string("url")
        if let h = r.object["content_hash"] { contentHash = try ContentHash(h, path: r.at("content_hash")) }
    }

    func write(_ w: inout ObjectWriter) {
        w.set("mediatype", mediatype)
        w.set("filename", filename)
        w.set("body", body)
        w.set("encoding", encoding?.rawValue)
        w.set("url", url)
        w.set("content_hash", contentHash)
    }

    public var isEmpty: Bool { body == nil && url == nil }
}
