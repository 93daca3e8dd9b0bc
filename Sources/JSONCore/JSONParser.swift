/// A strict RFC 8259 parser over UTF-8 bytes: no comments, no trailing commas, no NaN.
/// Strings are checked for valid UTF-8; nesting is bounded so hostile input cannot
/// exhaust the stack. Integers that fit in `Int` stay integers; every other number is a Double.
public enum JSONParser {
    public static let defaultMaxDepth = 512

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSON {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSON in
            try parse(buffer, maxDepth: maxDepth)
        }
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSON {
        var p = Cursor(buffer: buffer, maxDepth: maxDepth)
        p.skipWhitespace()
        let value = try p.parseValue(depth: 0)
        p.skipWhitespace()
        guard p.index == buffer.count else { throw JSONParseError(.trailingData, at: p.index) }
        return value
    }
}

extension JSON {
    /// Parses one JSON value from UTF-8 bytes (see `JSONParser`).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) -> JSON {
        try JSONParser.parse(bytes, maxDepth: maxDepth)
    }

    public static func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) -> JSON {
        try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
    }
}

private struct Cursor {
    let buffer: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buffer = buffer
        self.maxDepth = maxDepth
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    @inline(__always) func peek() throws(JSONParseError) -> UInt8 {
        guard index < buffer.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        return buffer[index]
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSON {
        switch try peek() {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw JSONParseError(.unexpectedByte, at: index)
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard index + n <= buffer.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        let w = word.utf8Start
        for i in 0..<n where buffer[index + i] != w[i] {
            throw JSONParseError(.unexpectedByte, at: index + i)
        }
        index += n
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSON {
        guard depth <= maxDepth else { throw JSONParseError(.tooDeep, at: index) }
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { index += 1; return .object(object) }
        while true {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw JSONParseError(.unexpectedByte, at: index) }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw JSONParseError(.unexpectedByte, at: index) }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            // A repeated key is ambiguous (RFC 8259 §4): refuse rather than silently pick one.
            guard !object.contains(key) else { throw JSONParseError(.duplicateKey, at: keyOffset) }
            object[key] = value
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(object)
            default: throw JSONParseError(.unexpectedByte, at: index)
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSON {
        guard depth <= maxDepth else { throw JSONParseError(.tooDeep, at: index) }
        index += 1
        var array: [JSON] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { index += 1; return .array(array) }
        while true {
            skipWhitespace()
            array.append(try parseValue(depth: depth))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(array)
            default: throw JSONParseError(.unexpectedByte, at: index)
            }
        }
    }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes, just validate UTF-8 and control characters. Plain runs are
        // skipped eight bytes at a time.
        let base = buffer.baseAddress!
        while index < buffer.count {
            if index + 8 <= buffer.count,
               !JSONWriter.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let b = buffer[index]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<index])
                index += 1
                guard let s = String(validating: slice, as: UTF8.self) else { throw JSONParseError(.invalidUTF8, at: start) }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw JSONParseError(.invalidString, at: index) }
            index += 1
        }
        guard index < buffer.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        return try parseEscapedString(start: start)
    }

    /// Slow path: decodes escapes into a byte buffer, then validates the whole as UTF-8.
    mutating func parseEscapedString(start: Int) throws(JSONParseError) -> String {
        var out: [UInt8] = Array(buffer[start..<index])
        while index < buffer.count {
            let b = buffer[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw JSONParseError(.invalidUTF8, at: start) }
                return s
            case UInt8(ascii: "\\"):
                index += 1
                let e = try peek()
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(into: &out)
                default: throw JSONParseError(.invalidString, at: index - 1)
                }
            default:
                if b < 0x20 { throw JSONParseError(.invalidString, at: index) }
                out.append(b)
                index += 1
            }
        }
        throw JSONParseError(.unexpectedEnd, at: index)
    }

    mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= buffer.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = buffer[index]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw JSONParseError(.invalidString, at: index)
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    mutating func appendUnicodeEscape(into out: inout [UInt8]) throws(JSONParseError) {
        let at = index
        var scalar = try readHex4()
        if (0xD800...0xDBFF).contains(scalar) {
            // A high surrogate must be followed by an escaped low surrogate.
            guard index + 6 <= buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u")
            else { throw JSONParseError(.invalidUTF8, at: at) }
            index += 2
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.invalidUTF8, at: at) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw JSONParseError(.invalidUTF8, at: at)
        }
        guard let u = Unicode.Scalar(scalar) else { throw JSONParseError(.invalidUTF8, at: at) }
        out.append(contentsOf: UTF8.encode(u)!)
    }

    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = index
        var isInteger = true
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard index < buffer.count else { throw JSONParseError(.invalidNumber, at: start) }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(buffer[index]) {
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        } else {
            throw JSONParseError(.invalidNumber, at: start)
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else { throw JSONParseError(.invalidNumber, at: start) }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") { index += 1 }
            guard index < buffer.count, isDigit(buffer[index]) else { throw JSONParseError(.invalidNumber, at: start) }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        let digits = UnsafeBufferPointer(rebasing: buffer[start..<index])
        if isInteger, let v = parseInt(digits) { return .int(v) }
        let d = parseDouble(digits)
        // 1e400 overflows a Double; refusing it beats silently turning it into infinity (which
        // JSON cannot even write back).
        guard d.isFinite else { throw JSONParseError(.invalidNumber, at: start) }
        return .double(d)
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Exact integer parse; nil on overflow (the caller falls back to Double).
    func parseInt(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let negative = digits[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var value = 0
        while i < digits.count {
            let d = Int(digits[i] &- 0x30)
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return value
    }

    func parseDouble(_ digits: UnsafeBufferPointer<UInt8>) -> Double {
        // Swift's parser is correctly rounded and, unlike strtod, ignores the C locale (a
        // process with LC_NUMERIC=de_DE would read "1.5" as 1). Short texts stay on the stack.
        Double(String(decoding: digits, as: UTF8.self)) ?? .nan
    }
}
