/// Small syntax checks for vCon string types.
public enum Formats {
    /// Media types the draft lists, plus the common registered names producers use for the same
    /// things; others only earn a warning.
    public static let usualMediatypes: Set<String> = [
        "text/plain", "audio/x-wav", "audio/x-mp3", "audio/x-mp4", "audio/ogg", "video/x-mp4", "video/ogg",
        "multipart/mixed", "audio/wav", "audio/mpeg", "audio/mp3", "audio/mp4", "video/mp4", "text/html",
        "application/json", "message/rfc822", "application/pdf", "image/png", "image/jpeg",
    ]

    /// `type/subtype` with RFC 6838 token characters, parameters allowed after `;`.
    public static func isMediatype(_ text: String) -> Bool {
        let main = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = main.trimmingSpaces().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isTokenByte) }
    }

    /// The `type/subtype` part, lowercased (parameters dropped).
    public static func mediatypeEssence(_ text: String) -> String {
        String(text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]).trimmingSpaces().lowercased()
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "!#$&-^_.+".utf8.contains(b)
        }
    }

    public enum HashProblem: Sendable, Equatable { case shape, digest, length }

    /// Checks `<alg>-<unpadded base64url digest>`; a sha512 digest must be 64 bytes.
    public static func contentHashProblem(_ text: String) -> HashProblem? {
        guard let dash = text.firstIndex(of: "-") else { return .shape }
        let alg = text[..<dash]
        let digest = String(text[text.index(after: dash)...])
        guard !alg.isEmpty, alg.utf8.allSatisfy({ isAlnum($0) }), !digest.isEmpty else { return .shape }
        guard !digest.contains("="), let count = Base64URL.decodedCount(digest) else { return .digest }
        let expected: [Substring: Int] = ["sha512": 64, "sha256": 32, "sha384": 48, "sha1": 20]
        if let n = expected[alg.lowercased()[...]], n != count { return .length }
        return nil
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    /// `https://host…` (scheme case-insensitive, non-empty host).
    public static func isHTTPSURL(_ text: String) -> Bool {
        guard text.count > 8, text.prefix(8).lowercased() == "https://" else { return false }
        let rest = text.dropFirst(8)
        guard let first = rest.first, first != "/", !rest.contains(" ") else { return false }
        return true
    }

    /// E.164 (`+` and 2–15 digits), with or without a `tel:` prefix.
    public static func isE164(_ text: String) -> Bool {
        var s = Substring(text)
        if s.lowercased().hasPrefix("tel:") { s = s.dropFirst(4) }
        guard s.first == "+" else { return false }
        let digits = s.dropFirst()
        return (2...15).contains(digits.count) && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && digits.first != "0"
    }

    /// Digits of a tel value (`tel:+1 555-0100` → `15550100`); nil when none.
    public static func normalisedTel(_ text: String) -> String? {
        let digits = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }))
        return digits.isEmpty ? nil : digits
    }

    /// Lowercased address without `mailto:` (and without `?query`); nil when empty.
    public static func normalisedMailto(_ text: String) -> String? {
        var s = text.trimmingSpaces()
        if s.lowercased().hasPrefix("mailto:") { s = String(s.dropFirst(7)) }
        if let q = s.firstIndex(of: "?") { s = String(s[..<q]) }
        s = s.lowercased()
        return s.isEmpty ? nil : s
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
