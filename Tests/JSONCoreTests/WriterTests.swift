import JSONCore
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
