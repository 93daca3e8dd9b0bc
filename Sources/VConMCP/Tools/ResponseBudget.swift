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

    func check(_ structured: JSON, tool: String, howToAskForLess: String) -> ToolFailure? {
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

        /// Pre-encoded bytes: spliced as they are, escaped once in the mirror.
        private mutating func addEncoded(_ bytes: [UInt8]) {
            encoded += bytes.count
            for b in bytes {
                if b == 0x22 || b == 0x5C { mirrorEscapes += 1 }
                else if b == 0x0A || b == 0x0D || b == 0x09 || b == 0x08 || b == 0x0C { mirrorEscapes += 1 }
                else if b < 0x20 { mirrorEscapes += 5 }
            }
        }
    }
}
