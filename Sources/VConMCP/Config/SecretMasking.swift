import Foundation
/// Masks passwords in connection strings before they reach a log line.
enum SecretMasking {
    /// `scheme://user:secret@host/…` → `scheme://user:***@host/…`; `password=secret` (conninfo or
    /// query parameter) → `password=***`. Anything else is returned unchanged.
    static func maskURL(_ url: String) -> String {
        var out = url
        if let schemeEnd = out.range(of: "://") {
            let rest = out[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
               let colon = rest[..<at].firstIndex(of: ":") {
                out.replaceSubrange(out.index(after: colon)..<at, with: "***")
            }
        }
        return maskPasswordParameters(out)
    }

    private static func maskPasswordParameters(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let r = rest.range(of: "password=", options: .caseInsensitive) {
            result += rest[..<r.upperBound] + "***"
            rest = rest[r.upperBound...]
            let end = rest.firstIndex(where: { $0 == " " || $0 == "&" }) ?? rest.endIndex
            rest = rest[end...]
        }
        return result + rest
    }
}
