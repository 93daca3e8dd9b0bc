/// Encodes `JSON` into compact UTF-8 bytes. `raw` values are spliced in as they are.
public struct JSONWriter {
    public private(set) var bytes: [UInt8]
    /// When set, line breaks inside spliced `raw` values become spaces, so the output is a single
    /// line (a newline-delimited protocol frame). That never changes the meaning: a JSON string
    /// cannot hold a raw line break, so in valid JSON they are insignificant whitespace.
    public var singleLine = false

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// About the compact encoding's length, from lengths alone (exact unless a string needs escapes
    /// or a number is long): for reserving a buffer once instead of growing it through copies.
    public static func sizeEstimate(of value: JSON) -> Int {
        switch value {
        case .null, .bool: return 5
        case .int, .double: return 20
        case let .string(s): return 2 + s.utf8.count
        case let .raw(r): return r.bytes.count
        case let .array(a): return a.reduce(1 + max(1, a.count)) { $0 + sizeEstimate(of: $1) }
        case let .object(o): return o.reduce(1 + max(1, o.count) + o.count) { $0 + 2 + $1.key.utf8.count + sizeEstimate(of: $1.value) }
        }
    }

    public mutating func append(_ value: JSON) {
        switch value {
        case .null: appendASCII("null")
        case let .bool(b): appendASCII(b ? "true" : "false")
        case let .int(i): appendInt(i)
        case let .double(d): appendDouble(d)
        case let .string(s): appendString(s)
        case let .raw(r): singleLine ? appendRawOnOneLine(r.bytes) : bytes.append(contentsOf: r.bytes)
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

    /// Splices raw JSON, turning its line breaks into spaces (see `singleLine`).
    private mutating func appendRawOnOneLine(_ raw: [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: raw)
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let ones: UInt64 = 0x0101_0101_0101_0101
            var i = start
            while i + 8 <= buffer.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let breaks = Self.zeroBytes(word ^ (ones &* 0x0A)) | Self.zeroBytes(word ^ (ones &* 0x0D))
                if breaks != 0 {
                    let lanes = (breaks >> 7) &* 0xFF          // 0xFF in each line-break byte
                    UnsafeMutableRawPointer(base + i).storeBytes(of: (word & ~lanes) | (ones &* 0x20 & lanes), as: UInt64.self)
                }
                i += 8
            }
            for k in i..<buffer.count where base[k] == 0x0A || base[k] == 0x0D { base[k] = 0x20 }
        }
    }

    @inline(__always) static func hasLineBreak(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lf = word ^ (ones &* 0x0A)
        let cr = word ^ (ones &* 0x0D)
        return (((lf &- ones) & ~lf) | ((cr &- ones) & ~cr)) & highs != 0
    }

    /// Appends raw bytes the caller knows to be valid JSON.
    public mutating func appendRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    public mutating func appendASCII(_ s: String) { bytes.append(contentsOf: s.utf8) }

    public mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { appendStringLiteral(utf8: $0) }
    }

    /// Appends UTF-8 text as a quoted JSON string. Used to mirror a JSON document as the text of
    /// an MCP content block without re-encoding it.
    ///
    /// The escaped length is counted first (eight bytes at a time), so the output is written
    /// once through a pointer: runs that need no escaping (found eight bytes at a time) are
    /// copied whole, and a document dense in quotes costs no per-byte array appends.
    public mutating func appendStringLiteral(utf8 text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress, !text.isEmpty else { bytes.append(0x22); bytes.append(0x22); return }
        let count = text.count
        let total = count + 2 + Self.escapeExtra(base, count)
        let old = bytes.count
        let needed = old + total
        if needed > bytes.capacity { bytes.reserveCapacity(Swift.max(needed, bytes.capacity * 2)) }
        bytes.append(contentsOf: repeatElement(0, count: total))
        bytes.withUnsafeMutableBufferPointer { out in
            var o = out.baseAddress! + old
            o.pointee = 0x22; o += 1
            // The output is sized exactly, so a clean word can be stored whole; a word with
            // something to escape goes byte by byte (no call per short run).
            var i = 0
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !Self.needsEscape(word) {
                    UnsafeMutableRawPointer(o).storeBytes(of: word, as: UInt64.self)
                    o += 8; i += 8
                    continue
                }
                for _ in 0..<8 { o = Self.writeByte(base[i], at: o); i += 1 }
            }
            while i < count { o = Self.writeByte(base[i], at: o); i += 1 }
            o.pointee = 0x22
        }
    }

    @inline(__always) private static func writeByte(_ b: UInt8, at o: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { o.pointee = b; return o + 1 }
        return writeEscape(b, at: o)
    }

    /// Bytes that escaping adds to `count` bytes of text: one for `"`, `\` and the short
    /// escapes (`\n` …), five for other control characters (`\u00XX`).
    static func escapeExtra(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var i = 0, extra = 0
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0) != 0 {
                for j in i..<(i + 8) { extra += escapeExtra(base[j]) }
            } else {
                extra += zeroBytes(word ^ 0x2222_2222_2222_2222).nonzeroBitCount + zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C).nonzeroBitCount
            }
            i += 8
        }
        while i < count { extra += escapeExtra(base[i]); i += 1 }
        return extra
    }

    @inline(__always) static func escapeExtra(_ b: UInt8) -> Int {
        if b == 0x22 || b == 0x5C || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x08 || b == 0x0C { return 1 }
        return b < 0x20 ? 5 : 0
    }

    @inline(__always) private static func writeEscape(_ b: UInt8, at o: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        o[0] = 0x5C
        switch b {
        case UInt8(ascii: "\""): o[1] = 0x22
        case UInt8(ascii: "\\"): o[1] = 0x5C
        case 0x0A: o[1] = UInt8(ascii: "n")
        case 0x0D: o[1] = UInt8(ascii: "r")
        case 0x09: o[1] = UInt8(ascii: "t")
        case 0x08: o[1] = UInt8(ascii: "b")
        case 0x0C: o[1] = UInt8(ascii: "f")
        default:
            o[1] = UInt8(ascii: "u"); o[2] = 0x30; o[3] = 0x30
            o[4] = hexDigit(b >> 4); o[5] = hexDigit(b & 0xF)
            return o + 6
        }
        return o + 2
    }

    /// The high bit of each byte of `word` that is a control character, `"` or `\\`; exact
    /// per byte (no carries between bytes), so it can locate them.
    @inline(__always) static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C)) | zeroBytes(word & (ones &* 0xE0))
    }

    /// The high bit of each zero byte of `x`, exactly.
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// Whether any byte of `word` is a control character, `"` or `\` (exact: SWAR zero-byte tests).
    @inline(__always) static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return (below20 | hasQuote | hasBackslash) != 0
    }

    @inline(__always) static func hexDigit(_ nibble: UInt8) -> UInt8 {
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
