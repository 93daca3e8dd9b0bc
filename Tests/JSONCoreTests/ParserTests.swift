import JSONCore
import Testing

@Suite("JSON parser")
struct ParserTests {
    @Test func integersStayIntegersAndDecimalsAreDoubles() throws {
        #expect(try JSON.parse("42") == .int(42))
        #expect(try JSON.parse("-0") == .int(0))
        #expect(try JSON.parse("1.0") == .double(1))
        #expect(try JSON.parse("1.0") != .int(1))
        #expect(try JSON.parse("1e2") == .double(100))
        #expect(try JSON.parse("1.50") == JSON.parse("1.5"))
        #expect(try JSON.parse("-2.5E-3") == .double(-0.0025))
    }

    @Test func doublesAreCorrectlyRounded() throws {
        #expect(try JSON.parse("0.1") == .double(0.1))
        #expect(try JSON.parse("1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
        #expect(try JSON.parse("5e-324") == .double(.leastNonzeroMagnitude))
        #expect(try JSON.parse("2.2250738585072014E-308") == .double(.leastNormalMagnitude))
        #expect(try JSON.parse("-123.456e-2") == .double(-1.23456))
        for x in [0.1, 1.0 / 3, 123456.789, 1e-7, 6.02214076e23] {
            #expect(try JSON.parse(JSON.double(x).encoded()) == .double(x))
        }
    }

    @Test func bigIntegers() throws {
        #expect(try JSON.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSON.parse("-9223372036854775808") == .int(Int.min))
        // One past Int.max no longer fits: it becomes a Double rather than failing.
        #expect(try JSON.parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try JSON.parse("123456789012345678901234567890").doubleValue == 1.2345678901234568e29)
    }

    @Test(arguments: ["01", "1.", ".5", "-", "1e", "+1", "0x10", "NaN", "Infinity", "1e400", "-1e400"])
    func invalidNumbers(text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    @Test func escapesAndSurrogates() throws {
        #expect(try JSON.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try JSON.parse(#""\u00e9\u2713""#) == .string("é✓"))
        #expect(try JSON.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSON.parse(#""\u0000""#) == .string("\u{0}"))
        for bad in [#""\ud83d""#, #""\ude00""#, #""\ud83d\u0041""#, #""\x""#, #""\u12""#, "\"a\u{01}b\""] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSON.parse(bad) }
        }
    }

    /// A raw control character is refused wherever it sits relative to the 8-byte scan.
    @Test func controlCharactersRefusedAtEveryPosition() {
        for length in 1...20 {
            for position in 0..<length {
                var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                text[position] = 0x0A
                #expect(throws: JSONParseError(.invalidString, at: 1 + position)) { try JSON.parse([0x22] + text + [0x22]) }
            }
        }
    }

    @Test func invalidUTF8IsRefused() throws {
        let cases: [[UInt8]] = [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x28, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],   // lone surrogate encoded
            [0x22, 0xC0, 0xAF, 0x22],                                                       // overlong
            [0x22, 0x5C, 0x6E, 0xF0, 0x28, 0x8C, 0x28, 0x22],                               // after an escape
        ]
        for bytes in cases {
            #expect(throws: JSONParseError.self) { try JSON.parse(bytes) }
        }
        #expect(try JSON.parse([0x22, 0xC3, 0xA9, 0x22]) == "é")
    }

    @Test func depthLimit() throws {
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSON.parse(ok, maxDepth: 100) }
        let tooDeep = String(repeating: "[", count: 101) + String(repeating: "]", count: 101)
        #expect(throws: JSONParseError(.tooDeep, at: 100)) { try JSON.parse(tooDeep, maxDepth: 100) }
        // 10,000 levels never reach the stack limit: refused at the default maximum.
        let hostile = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSON.parse(hostile) }
        #expect(throws: JSONParseError.self) { try JSON.parse(String(repeating: "[", count: 10_000)) }
    }

    @Test func duplicateKeysAreRefused() {
        #expect(throws: JSONParseError(.duplicateKey, at: 8)) { try JSON.parse(#"{"a":1, "a":2}"#) }
        #expect(throws: Never.self) { try JSON.parse(#"{"a":1,"b":{"a":2}}"#) }
    }

    @Test(arguments: ["", " ", "[1,]", "{\"a\":1,}", "{a:1}", "[1 2]", "tru", "nul", "\"abc", "{} {}", "[]]", "'a'", "/*c*/1"])
    func malformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    @Test func whitespaceAndKeyOrder() throws {
        let v = try JSON.parse(" \t\r\n{ \"z\" : [ 1 , true , null ] , \"a\" : { } } \n")
        #expect(v.objectValue?.keys == ["z", "a"])
        #expect(v["z"]?[1] == true)
        #expect(v["z"]?[2] == .null)
        #expect(v.encodedString() == #"{"z":[1,true,null],"a":{}}"#)
    }
}
