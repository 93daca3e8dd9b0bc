/// Encodes `JSON` into compact UTF-8 bytes. `raw` values are spliced in as they are.
public struct JSONWriter {
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func append(_ value: JSON) {
        switch value {
        case .null: appendASCII("null")
        case let .bool(b): appendASCII(b ? "true" : "false")
        case let .int(i): appendInt(i)
        case let .double(d): appendDouble(d)
        case let .string(s): appendString(s)
        case let .raw(r): bytes.append(contentsOf: r.bytes)
        case let .array(a):
            bytes.append(UInt8(ascii: "["))
            for (i, element) in a.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case let .object(o):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (k, v) in o {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                appendString(k)
                bytes.append(UInt8(ascii: ":"))
                append(v)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends an integer's decimal digits without going through a String.
    public mutating func appendInt(_ value: Int) {
        if value == Int.min { appendASCII(String(value)); return }
        var v = value
        if v < 0 { bytes.append(UInt8(ascii: "-")); v = -v }
        if v < 10 { bytes.append(0x30 + UInt8(v)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 0
            while v > 0 { digits[n] = 0x30 + UInt8(v % 10); v /= 10; n += 1 }
            while n > 0 { n -= 1; bytes.append(digits[n]) }
        }
    }

    /// Appends raw bytes the caller knows to be valid JSON.
    public mutating func appendRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    public mutating func appendASCII(_ s: String) { bytes.append(contentsOf: s.utf8) }

    public mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { appendStringLiteral(utf8: $0) }
    }

    /// Appends UTF-8 text as a quoted JSON string in one pass. Used to mirror a JSON document
    /// as the text of an MCP content block without re-encoding it.
    public mutating func appendStringLiteral(utf8 text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<text.count {
            let b = text[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<i])) }
            runStart = i + 1
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            default:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hexDigit(b >> 4), Self.hexDigit(b & 0xF)])
            }
        }
        if runStart < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.count])) }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always) private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Appends the JSON string literal whose content is the bytes of `raw` (a JSON document
    /// mirrored as text), in one escaping pass.
    public mutating func appendStringLiteral(_ raw: RawJSON) {
        raw.bytes.withUnsafeBufferPointer { appendStringLiteral(utf8: $0) }
    }

    public mutating func appendStringLiteral(utf8 text: [UInt8]) {
        text.withUnsafeBufferPointer { appendStringLiteral(utf8: $0) }
    }

    mutating func appendDouble(_ d: Double) {
        // JSON has no NaN or infinity; null is the conventional stand-in.
        guard d.isFinite else { appendASCII("null"); return }
        // Swift's description is the shortest text that round-trips, and always JSON-valid
        // for finite values ("1.0", "1.5", "1e-05", "1e+20").
        appendASCII(d.description)
    }
}

extension JSON {
    /// Compact UTF-8 encoding.
    public func encoded() -> [UInt8] {
        var w = JSONWriter()
        w.append(self)
        return w.bytes
    }

    public func encodedString() -> String { String(decoding: encoded(), as: UTF8.self) }
}
