import JSONCore
import VConModel

extension PostgresVConStore {
    /// Sets `key` to `value` (replacing an existing value for `key`, keeping its position).
    public func setTag(_ uuid: VConID, key: String, value: String) async throws -> WriteResult {
        try await mutate(uuid, operation: "vcon.tag.set") { document in
            var tags = VConTags.read(document)
            let tag = VConTag(key: key, value: value)
            if let i = tags.firstIndex(where: { $0.key == key }) {
                if tags[i] == tag && tags.filter({ $0.key == key }).count == 1 { return (nil, ()) }
                tags[i] = tag
                tags = tags.enumerated().filter { $0.offset == i || $0.element.key != key }.map(\.element)
            } else {
                tags.append(tag)
            }
            return (VConTags.writing(tags, into: document), ())
        }.write
    }

    public func removeTag(_ uuid: VConID, key: String) async throws -> WriteResult {
        try await mutate(uuid, operation: "vcon.tag.remove") { document in
            let tags = VConTags.read(document)
            let kept = tags.filter { $0.key != key }
            if kept.count == tags.count { return (nil, ()) }
            return (VConTags.writing(kept, into: document), ())
        }.write
    }

    public func removeAllTags(_ uuid: VConID) async throws -> WriteResult {
        try await mutate(uuid, operation: "vcon.tag.remove_all") { document in
            if VConTags.read(document).isEmpty { return (nil, ()) }
            return (VConTags.writing([], into: document), ())
        }.write
    }

    /// The tags in stored order, from the derived table (no document parse); nil when the vCon is absent.
    public func tags(of uuid: VConID) async throws -> [VConTag]? {
        let sql = self.sql
        return try await pool.run("vcon.tags") { c in
            let rows = try c.query(sql.tagsOf, [.text(uuid.string)], operation: "vcon.tags")
            if rows.isEmpty { return nil }
            return (0..<rows.count).compactMap { r in
                guard let key = rows.string(r, 0), let value = rows.string(r, 1) else { return nil }
                return VConTag(key: key, value: value)
            }
        }
    }

    /// Every distinct key:value with the number of vCons carrying it, ordered by key then value.
    public func uniqueTags(keyPrefix: String?) async throws -> [TagCount] {
        let sql = self.sql
        let prefix = keyPrefix.flatMap { $0.isEmpty ? nil : $0 }
        return try await pool.run("vcon.tags.unique") { c in
            let rows = try c.query(sql.uniqueTags, [.optional(prefix)], operation: "vcon.tags.unique")
            return (0..<rows.count).map { r in
                TagCount(key: rows.string(r, 0) ?? "", value: rows.string(r, 1) ?? "", count: rows.int(r, 2) ?? 0)
            }
        }
    }

    /// Stored uuids beginning with `prefix` (hex digits and dashes, any case), in order, at most `limit`.
    /// Uses a primary-key range, not a scan.
    public func uuids(withPrefix prefix: String, limit: Int) async throws -> [VConID] {
        guard let (low, high) = UUIDPrefix.range(prefix.lowercased()) else { return [] }
        let sql = self.sql
        let limit = max(1, min(limit, 1000))
        return try await pool.run("vcon.uuids") { c in
            let rows = try c.query(sql.uuidRange, [.text(low), .text(high), .int(limit)], operation: "vcon.uuids")
            return (0..<rows.count).compactMap { rows.string($0, 0).flatMap(VConID.init) }
        }
    }
}

/// The smallest and largest uuid with a given textual prefix.
enum UUIDPrefix {
    static let template = Array("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".utf8)

    static func range(_ prefix: String) -> (String, String)? {
        let bytes = Array(prefix.utf8)
        guard bytes.count <= template.count else { return nil }
        for (i, b) in bytes.enumerated() {
            let dash = template[i] == UInt8(ascii: "-")
            let hex = (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
            guard dash ? b == UInt8(ascii: "-") : hex else { return nil }
        }
        func fill(_ digit: UInt8) -> String {
            let rest = template[bytes.count...].map { $0 == UInt8(ascii: "-") ? $0 : digit }
            return String(decoding: bytes + rest, as: UTF8.self)
        }
        return (fill(UInt8(ascii: "0")), fill(UInt8(ascii: "f")))
    }
}
