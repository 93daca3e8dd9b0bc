import Foundation
import JSONCore
import Testing
@testable import VConModel

@Suite struct BuilderTests {
    @Test func sha1MatchesKnownVectors() {
        func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.hash([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(SHA1.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func uuidV8Layout() throws {
        let ms: UInt64 = 0x0191_2345_6789
        let id = UUIDv8.make(milliseconds: ms, domain: "example.com", randomA: 0xABC)
        let hex = id.string.replacingOccurrences(of: "-", with: "")
        #expect(id.string.count == 36)
        #expect(hex.prefix(12) == "019123456789")          // 48-bit Unix milliseconds
        #expect(Array(hex)[12] == "8")                     // version 8
        #expect(String(Array(hex)[13...15]) == "abc")      // rand_a
        let variantNibble = try #require(Int(String(Array(hex)[16]), radix: 16))
        #expect(variantNibble & 0b1100 == 0b1000)          // variant 10
        // custom_c: the high 62 bits of SHA-1("example.com").
        let digest = SHA1.hash(Array("example.com".utf8))
        var high: UInt64 = 0
        for i in 0..<8 { high = high << 8 | UInt64(digest[i]) }
        let low = try #require(UInt64(String(hex.suffix(16)), radix: 16))
        #expect(low & ~(UInt64(0b11) << 62) == high >> 2)
        #expect(id.isVersion8)
    }

    @Test func newIDsAreV8AndDistinctWithinOneDomain() {
        let a = VConBuilder.newID(), b = VConBuilder.newID()
        #expect(a.isVersion8 && b.isVersion8)
        #expect(a != b)
        #expect(a.string.suffix(12) == b.string.suffix(12)) // same host, same custom bits
    }

    @Test func nowIsRFC3339WithMillisecondsAndZ() {
        let now = VConBuilder.now()
        #expect(now.count == 24)
        #expect(now.hasSuffix("Z"))
        #expect(RFC3339.isValid(now))
        #expect(RFC3339.format(millisecondsSinceEpoch: 0) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(millisecondsSinceEpoch: 951_782_400_123) == "2000-02-29T00:00:00.123Z")
    }

    @Test func buildProducesAValidVCon() throws {
        let doc = VConBuilder.build(fields: ["subject": "hi", "parties": [["name": "A", "tel": "+15550100"]]])
        #expect(doc["vcon"] == "0.4.0")
        #expect(doc["subject"] == "hi")
        let uuid = try #require(doc["uuid"]?.stringValue.flatMap(VConID.init))
        #expect(uuid.isVersion8)
        #expect(RFC3339.isValid(try #require(doc["created_at"]?.stringValue)))
        #expect(VConValidator.validate(doc).filter { $0.severity == .error }.isEmpty)
        let result = VConIngest.ingest(doc, mode: .strict)
        #expect(result.isValid)
        #expect(result.uuid == uuid)
    }

    @Test func rfc3339Verdicts() {
        #expect(RFC3339.isValid("2025-03-19T15:43:19-04:00"))
        #expect(RFC3339.isValid("2025-03-19t15:43:19.123456z"))
        #expect(RFC3339.check("2025-03-19T15:43:19.5") == .missingOffset)
        #expect(RFC3339.check("2025-02-30T00:00:00Z") == .invalid)
        #expect(RFC3339.check("2025-03-19 15:43:19Z") == .invalid)
        #expect(RFC3339.check("NOT-A-DATE") == .invalid)
        #expect(RFC3339.epochSeconds("1970-01-01T01:00:00+01:00") == 0)
    }

    @Test func base64url() {
        #expect(Base64URL.decode("QUJDRA") == Array("ABCD".utf8))
        #expect(Base64URL.decode("QUJDRA==") == Array("ABCD".utf8))
        #expect(Base64URL.decode("QUJD+A") == nil)
        #expect(Base64URL.decode("Q") == nil)
        #expect(Base64URL.encode(Array("ABCD".utf8)) == "QUJDRA")
        for n in 0..<20 {
            let bytes = (0..<n).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            #expect(Base64URL.decodedCount(Base64URL.encode(bytes)) == n)
        }
    }
}
