@testable import JSONCore
import Testing

@Suite("JSON writer")
struct WriterTests {
    @Test func roundTrips() throws {
        let samples = [
            #"{"a":[1,-2,3.5,1e-05,1e+20,true,false,null],"b":"x\"y\\z\n\u0001é😀","c":{}}"#,
            #"[9223372036854775807,-9223372036854775808,0.1,-0.0]"#,
            #""\u001f\b\f\t\r""#,
        ]
        for s in samples {
            let v = try JSON.parse(s)
            let again = try JSON.parse(v.encoded())
            #expect(again == v, "\(s)")
            #expect(again.encodedString() == v.encodedString())
        }
    }

    @Test func doublesUseTheShortestForm() {
        #expect(JSON.double(1.5).encodedString() == "1.5")
        #expect(JSON.double(1).encodedString() == "1.0")
        #expect(JSON.double(0.1).encodedString() == "0.1")
        #expect(JSON.double(.nan).encodedString() == "null")
        #expect(JSON.double(.infinity).encodedString() == "null")
    }

    @Test func integersAreExact() {
        for i in [0, 7, 10, -1, -10, 1234567890, Int.max, Int.min] {
            #expect(JSON.int(i).encodedString() == String(i))
        }
    }

    @Test func controlCharactersAreEscaped() throws {
        let all = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let encoded = JSON.string(all).encoded()
        #expect(!encoded.contains { $0 < 0x20 })
        #expect(try JSON.parse(encoded) == .string(all))
        #expect(JSON.string("\u{08}\u{0C}\u{1F}").encodedString() == #""\b\f\u001f""#)
    }

    @Test func rawFragmentsAreSplicedAndComparedByValue() throws {
        let raw = RawJSON(unchecked: Array(#"{ "k" : [1, 2] }"#.utf8))
        let v: JSON = ["doc": .raw(raw), "n": 1]
        #expect(v.encodedString() == #"{"doc":{ "k" : [1, 2] },"n":1}"#)
        #expect(JSON.raw(raw) == ["k": [1, 2]])
        #expect(try v.resolvingRaw() == ["doc": ["k": [1, 2]], "n": 1])
        #expect(throws: JSONParseError.self) { try RawJSON(validating: Array("{".utf8)) }
    }

    @Test func stringLiteralOfRawBytesIsOneEscapingPass() throws {
        let raw = RawJSON(unchecked: Array("{\"s\":\"a\\\"b\",\n\"t\":\"é\"}".utf8))
        var w = JSONWriter()
        w.appendStringLiteral(raw)
        #expect(try JSON.parse(w.bytes) == .string(raw.string))
    }

    /// Every special byte at every position of strings around the 8-byte word size.
    @Test func escapingIsExactAtEveryPosition() throws {
        let specials: [UInt8] = [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x22, 0x5C]
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x7F, 0x41]
        for length in 0...24 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var text = (0..<length).map { plain[$0 % plain.count] }
                    if length > 0 { text[position] = special }
                    var w = JSONWriter()
                    w.appendStringLiteral(utf8: text)
                    #expect(!w.bytes.dropFirst().dropLast().contains { $0 < 0x20 })
                    #expect(try JSON.parse(w.bytes) == .string(String(decoding: text, as: UTF8.self)))
                }
            }
        }
        // Multi-byte UTF-8 passes through unchanged.
        var w = JSONWriter()
        w.appendStringLiteral(utf8: Array("ééééé✓✓✓😀😀 plain".utf8))
        #expect(w.bytes == Array("\"ééééé✓✓✓😀😀 plain\"".utf8))
    }

    /// Large texts take the pointer path; it must produce exactly what the small path does.
    @Test func largeLiteralsMatchTheByteByBytePath() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abc \"\\\n\t/é✓".utf8) + [0x00, 0x01, 0x1F, 0x7F]
        for size in [511, 512, 513, 4096, 10_000, 70_001] {
            let text = (0..<size).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            var large = JSONWriter()
            large.appendStringLiteral(utf8: text)
            var reference: [UInt8] = []
            for chunk in stride(from: 0, to: text.count, by: 1000) {   // small pieces take the small path
                var w = JSONWriter()
                w.appendStringLiteral(utf8: Array(text[chunk..<min(chunk + 1000, text.count)]))
                reference += w.bytes.dropFirst().dropLast()
            }
            #expect(large.bytes == [0x22] + reference + [0x22], "size \(size)")
            var prefixed = JSONWriter()
            prefixed.appendASCII("[")
            prefixed.appendStringLiteral(utf8: text)
            #expect(prefixed.bytes == [UInt8(ascii: "[")] + large.bytes)
        }
    }

    @Test func singleLineSplicesRawWithoutLineBreaks() throws {
        let pretty = RawJSON(unchecked: Array("{\r\n  \"a\": [\n    1,\n    \"x\\ny\"\n  ]\n}".utf8))
        var w = JSONWriter()
        w.singleLine = true
        w.append(["doc": .raw(pretty), "s": "line\nbreak"])
        #expect(!w.bytes.contains(0x0A) && !w.bytes.contains(0x0D))
        #expect(try JSON.parse(w.bytes) == ["doc": ["a": [1, "x\ny"]], "s": "line\nbreak"])
        // Without the flag raw bytes are spliced exactly as they are.
        #expect(JSON.raw(pretty).encoded() == pretty.bytes)
        for lane in 0..<8 {
            let word = (UInt64(0x20) &* 0x0101_0101_0101_0101) & ~(UInt64(0xFF) << (8 * lane)) | (UInt64(0x0A) << (8 * lane))
            #expect(JSONWriter.hasLineBreak(word))
        }
        #expect(!JSONWriter.hasLineBreak(UInt64(0x20) &* 0x0101_0101_0101_0101))
    }

    @Test func escapeMaskIsExactPerByte() {
        for byte in 0...255 {
            for lane in 0..<8 {
                for filler: UInt64 in [0x41, 0x00, 0x22, 0xFF] {
                    let word = (filler &* 0x0101_0101_0101_0101) & ~(UInt64(0xFF) << (8 * lane)) | (UInt64(byte) << (8 * lane))
                    let special = byte < 0x20 || byte == 0x22 || byte == 0x5C
                    let bit = JSONWriter.escapeMask(word) & (UInt64(0x80) << (8 * lane)) != 0
                    #expect(bit == special, "byte \(byte) lane \(lane) filler \(filler)")
                }
            }
        }
    }

    @Test func swarDetectorHasNoFalseNegatives() {
        for byte in 0...255 {
            for lane in 0..<8 {
                let word = (UInt64(0x41) &* 0x0101_0101_0101_0101) & ~(UInt64(0xFF) << (8 * lane)) | (UInt64(byte) << (8 * lane))
                let special = byte < 0x20 || byte == 0x22 || byte == 0x5C
                #expect(JSONWriter.needsEscape(word) == special, "byte \(byte) lane \(lane)")
            }
        }
    }

    @Test func equalityIgnoresKeyOrderButNotNumberKind() throws {
        #expect(try JSON.parse(#"{"a":1,"b":2}"#) == JSON.parse(#"{"b":2,"a":1}"#))
        #expect(JSON.int(1) != JSON.double(1))
        #expect(JSON.object(["a": 1]) != JSON.object(["a": 1, "b": 2]))
    }

    @Test func mergePatchFollowsRFC7396() throws {
        let target = try JSON.parse(#"{"a":"b","c":{"d":"e","f":"g"}}"#)
        let patch = try JSON.parse(#"{"a":"z","c":{"f":null}}"#)
        #expect(target.applyingMergePatch(patch) == (try JSON.parse(#"{"a":"z","c":{"d":"e"}}"#)))
        #expect(JSON.array([1]).applyingMergePatch(["a": 1]) == ["a": 1])
        #expect(JSON.object(["a": 1]).applyingMergePatch([2]) == [2])
    }
}
