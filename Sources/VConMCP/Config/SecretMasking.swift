import Foundation

/// Masks passwords in connection strings before they reach a log line.
enum SecretMasking {
    /// `scheme://user:secret@host/…` → `scheme://user:***@host/…` (the userinfo ends at the last
    /// `@`, since a password may hold `/`, `?` or `@`); in libpq conninfo and query strings
    /// `password=secret`, `password = 'a b'` → `password=***`. Anything else is returned unchanged.
    static func maskURL(_ url: String) -> String {
        var out = url
        if let schemeEnd = out.range(of: "://"), let at = out[schemeEnd.upperBound...].lastIndex(of: "@"),
           let colon = out[schemeEnd.upperBound..<at].firstIndex(of: ":") {
            out.replaceSubrange(out.index(after: colon)..<at, with: "***")
        }
        return maskPasswordParameters(out)
    }

    /// Replaces the value after every `password` keyword followed by `=` (spaces allowed around it):
    /// a single-quoted value (with `\'` escapes) or a run up to a space or `&`.
    private static func maskPasswordParameters(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let keyword = rest.range(of: "password", options: .caseInsensitive) {
            var i = keyword.upperBound
            while i < rest.endIndex, rest[i] == " " { i = rest.index(after: i) }
            guard i < rest.endIndex, rest[i] == "=" else {
                result += rest[..<keyword.upperBound]
                rest = rest[keyword.upperBound...]
                continue
            }
            i = rest.index(after: i)
            while i < rest.endIndex, rest[i] == " " { i = rest.index(after: i) }
            result += rest[..<keyword.upperBound] + "=***"
            if i < rest.endIndex, rest[i] == "'" {
                i = rest.index(after: i)
                while i < rest.endIndex, rest[i] != "'" {
                    if rest[i] == "\\" { i = rest.index(after: i); if i == rest.endIndex { break } }
                    i = rest.index(after: i)
                }
                if i < rest.endIndex { i = rest.index(after: i) }
            } else {
                while i < rest.endIndex, rest[i] != " ", rest[i] != "&" { i = rest.index(after: i) }
            }
            rest = rest[i...]
        }
        return result + rest
    }
}
