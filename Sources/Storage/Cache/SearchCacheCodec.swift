import VConModel

/// A compact binary form of search queries (the cache key's identity) and their pages (the cached
/// value). Private to the cache: a value that does not decode is a miss.
enum SearchCacheCodec {
    static func key(_ q: VConSearchQuery) -> [UInt8] {
        var w = ByteWriter()
        w.byte(UInt8(ascii: "S")); w.filter(q.filter); w.int(Int64(q.limit)); w.string(q.cursor); w.byte(q.includeCount ? 1 : 0)
        return w.bytes
    }

    static func key(_ q: ContentSearchQuery) -> [UInt8] {
        var w = ByteWriter()
        w.byte(UInt8(ascii: "C")); w.string(q.text); w.filter(q.filter); w.int(Int64(q.limit)); w.string(q.cursor)
        w.byte(q.includeCount ? 1 : 0)
        return w.bytes
    }

    static func encode(_ page: VConSearchPage) -> [UInt8] {
        var w = ByteWriter()
        w.int(Int64(page.items.count))
        for item in page.items { w.summary(item) }
        w.string(page.nextCursor); w.int(page.totalCount.map(Int64.init) ?? -1)
        return w.bytes
    }

    static func encode(_ page: ContentSearchPage) -> [UInt8] {
        var w = ByteWriter()
        w.int(Int64(page.hits.count))
        for hit in page.hits {
            w.summary(hit.summary); w.int(Int64(bitPattern: hit.rank.bitPattern))
            w.int(Int64(hit.snippets.count)); for s in hit.snippets { w.string(s) }
        }
        w.string(page.nextCursor); w.int(page.totalCount.map(Int64.init) ?? -1)
        return w.bytes
    }

    static func decodeSearchPage(_ bytes: [UInt8]) -> VConSearchPage? {
        var r = ByteReader(bytes)
        guard let n = r.count() else { return nil }
        var items: [VConSummary] = []
        for _ in 0..<n { guard let s = r.summary() else { return nil }; items.append(s) }
        guard let cursor = r.optionalString(), let total = r.int(), r.atEnd else { return nil }
        return VConSearchPage(items: items, nextCursor: cursor, totalCount: total < 0 ? nil : Int(total))
    }

    static func decodeContentPage(_ bytes: [UInt8]) -> ContentSearchPage? {
        var r = ByteReader(bytes)
        guard let n = r.count() else { return nil }
        var hits: [ContentHit] = []
        for _ in 0..<n {
            guard let s = r.summary(), let rank = r.int(), let m = r.count() else { return nil }
            var snippets: [String] = []
            for _ in 0..<m { guard let t = r.optionalString(), let t else { return nil }; snippets.append(t) }
            hits.append(ContentHit(summary: s, rank: Double(bitPattern: UInt64(bitPattern: rank)), snippets: snippets))
        }
        guard let cursor = r.optionalString(), let total = r.int(), r.atEnd else { return nil }
        return ContentSearchPage(hits: hits, nextCursor: cursor, totalCount: total < 0 ? nil : Int(total))
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func byte(_ b: UInt8) { bytes.append(b) }
    mutating func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    /// nil and "" differ: nil is length -1.
    mutating func string(_ s: String?) {
        guard let s else { int(-1); return }
        let utf8 = Array(s.utf8)
        int(Int64(utf8.count)); bytes.append(contentsOf: utf8)
    }
    mutating func filter(_ f: VConFilter) {
        for s in [f.subject, f.partyName, f.partyTel, f.partyEmail, f.createdAfter, f.createdBefore, f.startAfter, f.startBefore] {
            string(s)
        }
        int(Int64(f.tags.count)); for t in f.tags { string(t.key); string(t.value) }
    }
    mutating func summary(_ s: VConSummary) {
        string(s.uuid.string); int(s.version); string(s.subject); string(s.createdAt); string(s.updatedAt)
        string(s.firstDialogStart); int(Int64(s.partyCount)); int(Int64(s.dialogCount)); int(Int64(s.analysisCount))
        int(Int64(s.attachmentCount)); string(s.form.rawValue)
    }
}

struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var atEnd: Bool { offset == bytes.count }

    mutating func int() -> Int64? {
        guard offset + 8 <= bytes.count else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Int64(bitPattern: v)
    }
    mutating func count() -> Int? {
        guard let n = int(), n >= 0, n < 1_000_000 else { return nil }
        return Int(n)
    }
    /// .some(nil) for a stored nil; nil when malformed.
    mutating func optionalString() -> String?? {
        guard let n = int() else { return nil }
        if n == -1 { return .some(nil) }
        guard n >= 0, offset + Int(n) <= bytes.count else { return nil }
        defer { offset += Int(n) }
        return .some(String(decoding: bytes[offset..<(offset + Int(n))], as: UTF8.self))
    }
    mutating func summary() -> VConSummary? {
        guard let u = optionalString(), let u, let uuid = VConID(u), let version = int(),
              let subject = optionalString(), let createdAt = optionalString(), let updatedAt = optionalString(),
              let first = optionalString(), let parties = int(), let dialogs = int(), let analyses = int(),
              let attachments = int(), let f = optionalString(), let f, let form = VConForm(rawValue: f) else { return nil }
        return VConSummary(uuid: uuid, version: version, subject: subject, createdAt: createdAt, updatedAt: updatedAt,
                           firstDialogStart: first, partyCount: Int(parties), dialogCount: Int(dialogs),
                           analysisCount: Int(analyses), attachmentCount: Int(attachments), form: form)
    }
}
