import JSONCore

/// The byte budget of one tool result (`VCON_MAX_RESPONSE_BYTES`). A result over budget is
/// replaced by an error that says so and how to ask for less: never silently truncated.
struct ResponseBudget: Sendable {
    let maxBytes: Int

    /// Bytes the result will take on the wire: `structuredContent` plus its JSON text mirror
    /// (the same encoding, escaped once more). Measured without encoding: a stored document is
    /// only scanned, never copied, so the check costs little on the hot path.
    static func wireBytes(of structured: JSON) -> Int {
        var size = Size()
        size.add(structured)
        return 2 * size.encoded + size.mirrorEscapes
    }

    /// At least `wireBytes(of:)`, from lengths alone: no byte is read. An encoded byte takes at
    /// most 6 in the mirror (a control character as `\u00XX`), so the wire holds at most 7 per
    /// encoded byte; a string's byte encodes to at most 6.
    static func upperBound(of value: JSON) -> Int { 7 * encodedUpperBound(value) }

    private static func encodedUpperBound(_ value: JSON) -> Int {
        switch value {
        case .null, .bool: return 5
        case .int, .double: return 32
        case let .string(s): return 2 + 6 * s.utf8.count
        case let .raw(r): return r.bytes.count
        case let .array(a): return a.reduce(2 + a.count) { $0 + encodedUpperBound($1) }
        case let .object(o): return o.reduce(2 + 2 * o.count) { $0 + 2 + 6 * $1.key.utf8.count + encodedUpperBound($1.value) }
        }
    }

    func check(_ structured: JSON, tool: String, howToAskForLess: String) -> ToolFailure? {
        // Nearly every result is far below the budget: the bound settles those without a scan.
        guard ResponseBudget.upperBound(of: structured) > maxBytes else { return nil }
        let size = ResponseBudget.wireBytes(of: structured)
        guard size > maxBytes else { return nil }
        return ToolFailure(message: "The \(tool) result would be \(ResponseBudget.describe(size)), over this server's response budget of \(ResponseBudget.describe(maxBytes)) (VCON_MAX_RESPONSE_BYTES), so it was not sent. Nothing was truncated. \(howToAskForLess)")
    }

    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return "\((Double(bytes) / Double(1 << 20) * 10).rounded() / 10) MiB (\(bytes) bytes)" }
        if bytes >= 1 << 10 { return "\((Double(bytes) / 1024 * 10).rounded() / 10) KiB (\(bytes) bytes)" }
        return "\(bytes) bytes"
    }

    /// The compact encoding's length (as `JSONWriter` writes it) and how many bytes escaping
    /// that encoding into a JSON string adds.
    struct Size {
        var encoded = 0
        var mirrorEscapes = 0

        mutating func add(_ value: JSON) {
            switch value {
            case .null: encoded += 4
            case let .bool(b): encoded += b ? 4 : 5
            case .int, .double:
                var w = JSONWriter(reservingCapacity: 24)
                w.append(value)
                encoded += w.bytes.count
            case let .string(s): addString(s)
            case let .raw(r): addEncoded(r.bytes)
            case let .array(a):
                encoded += 2 + max(0, a.count - 1)
                for element in a { add(element) }
            case let .object(o):
                encoded += 2 + max(0, o.count - 1) + o.count   // braces, commas, colons
                for (k, v) in o { addString(k); add(v) }
            }
        }

        /// A string literal: its escapes, then the mirror's escapes of the quotes and backslashes.
        private mutating func addString(_ s: String) {
            encoded += 2
            mirrorEscapes += 2
            for b in s.utf8 {
                switch b {
                case 0x22, 0x5C: encoded += 2; mirrorEscapes += 2     // \" or \\ : both bytes escaped again
                case 0x0A, 0x0D, 0x09, 0x08, 0x0C: encoded += 2; mirrorEscapes += 1
                case ..<0x20: encoded += 6; mirrorEscapes += 1         // \u00XX
                default: encoded += 1
                }
            }
        }

        /// Pre-encoded bytes: spliced as they are, escaped once in the mirror. Eight bytes at a
        /// time: quotes and backslashes are counted with exact zero-byte masks; only a word that
        /// holds a control character is looked at byte by byte (a compact document has none).
        private mutating func addEncoded(_ bytes: [UInt8]) {
            encoded += bytes.count
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let count = buffer.count
                var i = 0, escapes = 0
                while i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if Self.hasControl(word) {
                        for j in i..<(i + 8) { escapes += Self.mirrorEscape(base[j]) }
                    } else {
                        escapes += Self.zeroBytes(word ^ 0x2222_2222_2222_2222) + Self.zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                    }
                    i += 8
                }
                while i < count { escapes += Self.mirrorEscape(base[i]); i += 1 }
                mirrorEscapes += escapes
            }
        }

        /// Extra bytes the mirror spends on one byte of encoded JSON.
        @inline(__always) private static func mirrorEscape(_ b: UInt8) -> Int {
            if b == 0x22 || b == 0x5C { return 1 }
            if b == 0x0A || b == 0x0D || b == 0x09 || b == 0x08 || b == 0x0C { return 1 }
            return b < 0x20 ? 5 : 0
        }

        /// The number of zero bytes in `w` (exact, no false positives from borrows).
        @inline(__always) private static func zeroBytes(_ w: UInt64) -> Int {
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            return (~(((w & low7) &+ low7) | w | low7)).nonzeroBitCount
        }

        /// Whether any byte of `w` is below 0x20 (exact).
        @inline(__always) private static func hasControl(_ w: UInt64) -> Bool {
            // A byte is below 0x20 when its top three bits are all clear.
            let top3 = w & 0xE0E0_E0E0_E0E0_E0E0
            return zeroBytes(top3) != 0
        }
    }
}
