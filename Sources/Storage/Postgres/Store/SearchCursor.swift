import Foundation

/// Opaque page cursors: base64url of a kind tag and the last row's sort key.
///
/// - `search`: keyset on (created_at DESC, uuid ASC); `key` is created_at as PostgreSQL prints it
///   (ISO, UTC, microseconds), so it compares exactly.
/// - `content`: keyset on (rank DESC, uuid ASC); `key` is the `real` rank as printed (shortest exact
///   form), and `query` a hash of the search text and filter: a cursor only continues the query it
///   came from (another query's cursor is `.badCursor`, not a silently odd page).
struct SearchCursor: Equatable {
    enum Kind: String { case search = "s1", content = "c1" }
    let kind: Kind
    let key: String
    let uuid: String
    let query: String

    private static let separator: Character = "\u{1F}"

    var encoded: String {
        let text = [kind.rawValue, key, uuid, query].joined(separator: String(Self.separator))
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor of the expected kind; throws `.badCursor` for anything else.
    static func decode(_ text: String, kind: Kind, query: String, operation: String) throws -> SearchCursor {
        let bad = StorageError(.badCursor, operation: operation, message: "the cursor is not one this search issued")
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard text.utf8.count <= 512 else { throw bad }
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else { throw bad }
        let parts = decoded.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == kind.rawValue, parts[3] == query,
              !parts[1].isEmpty, VConIDCheck.isUUID(parts[2]) else { throw bad }
        // The key must look like what we print, so it never reaches SQL as something else.
        let allowed = Set("0123456789-:.+ eE".utf8)
        guard parts[1].utf8.allSatisfy({ allowed.contains($0) }) else { throw bad }
        return SearchCursor(kind: kind, key: parts[1], uuid: parts[2], query: query)
    }

    /// A short, stable hash (FNV-1a 64) of a query's text and filter, for `content` cursors.
    static func fingerprint(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

enum VConIDCheck {
    static func isUUID(_ s: String) -> Bool { s.utf8.count == 36 && UUIDPrefix.range(s) != nil }
}
