/// Base64url (RFC 4648 §5) checks and decoding. Padding is tolerated when it is correct,
/// because several producers write it.
public enum Base64URL {
    private static let table: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8.enumerated() {
            t[Int(c)] = Int8(i)
        }
        return t
    }()

    /// The length without trailing `=` padding, or nil when the text cannot be base64url.
    static func payloadLength(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var end = b.count
        var pad = 0
        while end > 0, b[end - 1] == UInt8(ascii: "=") { end -= 1; pad += 1 }
        guard pad <= 2, end % 4 != 1 else { return nil }
        if pad > 0, (end + pad) % 4 != 0 { return nil }
        // Range checks, not the table: no global access per byte, and the loop stays tight on
        // multi-megabyte media bodies.
        var bad = false
        for i in 0..<end {
            let c = b[i]
            let letter = (c | 0x20) &- 97 < 26   // a–z or A–Z
            let digit = c &- 48 < 10
            bad = bad || !(letter || digit || c == 45 || c == 95)
        }
        return bad ? nil : end
    }

    /// True when `text` decodes as base64url (one pass, no allocation).
    public static func isValid(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { payloadLength($0) != nil }
    }

    /// The number of decoded bytes, nil when invalid.
    public static func decodedCount(_ text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { b in payloadLength(b).map { $0 / 4 * 3 + max(0, $0 % 4 - 1) } }
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var copy = text
        return copy.withUTF8 { b -> [UInt8]? in
            guard let n = payloadLength(b) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(n / 4 * 3 + 2)
            var acc: UInt32 = 0
            var bits = 0
            let table = Self.table
            for i in 0..<n {
                acc = (acc << 6) | UInt32(table[Int(b[i])])
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
                }
            }
            return out
        }
    }

    public static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + 3)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], alphabet[Int(v & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let v = UInt32(bytes[i]) << 16
            out += [alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)]]
        } else if rest == 2 {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
