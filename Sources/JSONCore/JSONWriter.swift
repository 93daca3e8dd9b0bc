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

    /// Appends UTF-8 text as a quoted JSON string in one pass. Used to mirror a JSON document
    /// as the text of an MCP content block without re-encoding it.
    ///
    /// Runs that need no escaping (most of any document) are found eight bytes at a time and
    /// copied whole.
    public mutating func appendStringLiteral(utf8 text: UnsafeBufferPointer<UInt8>) {
        if text.count >= 512 {
            let literal = Self.stringLiteral(text)
            if bytes.isEmpty { bytes = literal } else { bytes.append(contentsOf: literal) }
            return
        }
        let needed = bytes.count + text.count + 2
        if needed > bytes.capacity { bytes.reserveCapacity(Swift.max(needed, bytes.capacity * 2)) }
        bytes.append(UInt8(ascii: "\""))
        guard let base = text.baseAddress else { bytes.append(UInt8(ascii: "\"")); return }
        let count = text.count
        var runStart = 0
        var i = 0
        var wordEnd = 0
        while i < count {
            if i >= wordEnd && i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !Self.needsEscape(word) { i += 8; continue }
                wordEnd = i + 8
            }
            let b = base[i]
            guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { i += 1; continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            appendEscape(b)
            i += 1
            runStart = i
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The quoted literal of a large text, written through raw pointers into a buffer sized for
    /// the worst case (every byte a six-byte `\u00XX`): untouched capacity costs address space,
    /// not memory.
    static func stringLiteral(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = text.count
        return [UInt8](unsafeUninitializedCapacity: count * 6 + 2) { out, written in
            let src = text.baseAddress!
            let dst = UnsafeMutableRawPointer(out.baseAddress!)
            var o = 0
            dst.storeBytes(of: UInt8(ascii: "\""), toByteOffset: o, as: UInt8.self); o += 1
            var i = 0
            while i + 8 <= count {
                var word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                var mask = escapeMask(word)
                var left = 8
                // Store the word whole, then for each byte that needs escaping (lowest first)
                // write its escape over it and continue with the rest of the word after it.
                while mask != 0 {
                    let lane = mask.trailingZeroBitCount >> 3
                    dst.storeBytes(of: word, toByteOffset: o, as: UInt64.self)
                    o += lane
                    o += writeEscape(UInt8(truncatingIfNeeded: word >> UInt64(lane * 8)), to: dst + o)
                    word = word >> UInt64((lane + 1) * 8)
                    mask = mask >> UInt64((lane + 1) * 8)
                    left -= lane + 1
                }
                dst.storeBytes(of: word, toByteOffset: o, as: UInt64.self)
                o += left
                i += 8
            }
            while i < count {
                let b = src[i]
                i += 1
                if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                    dst.storeBytes(of: b, toByteOffset: o, as: UInt8.self); o += 1
                } else {
                    o += writeEscape(b, to: dst + o)
                }
            }
            dst.storeBytes(of: UInt8(ascii: "\""), toByteOffset: o, as: UInt8.self); o += 1
            written = o
        }
    }

    /// Writes the escape of a byte that needs one; returns its length (2 or 6).
    @inline(__always) private static func writeEscape(_ b: UInt8, to p: UnsafeMutableRawPointer) -> Int {
        let short: UInt8
        switch b {
        case UInt8(ascii: "\""): short = 0x22
        case UInt8(ascii: "\\"): short = 0x5C
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        default:
            p.storeBytes(of: 0x5C, toByteOffset: 0, as: UInt8.self)
            p.storeBytes(of: UInt8(ascii: "u"), toByteOffset: 1, as: UInt8.self)
            p.storeBytes(of: 0x30, toByteOffset: 2, as: UInt8.self)
            p.storeBytes(of: 0x30, toByteOffset: 3, as: UInt8.self)
            p.storeBytes(of: hexDigit(b >> 4), toByteOffset: 4, as: UInt8.self)
            p.storeBytes(of: hexDigit(b & 0xF), toByteOffset: 5, as: UInt8.self)
            return 6
        }
        p.storeBytes(of: 0x5C, toByteOffset: 0, as: UInt8.self)
        p.storeBytes(of: short, toByteOffset: 1, as: UInt8.self)
        return 2
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

    @inline(__always) private mutating func appendEscape(_ b: UInt8) {
        bytes.append(0x5C)
        switch b {
        case UInt8(ascii: "\""): bytes.append(0x22)
        case UInt8(ascii: "\\"): bytes.append(0x5C)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(UInt8(ascii: "u")); bytes.append(0x30); bytes.append(0x30)
            bytes.append(Self.hexDigit(b >> 4)); bytes.append(Self.hexDigit(b & 0xF))
        }
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
