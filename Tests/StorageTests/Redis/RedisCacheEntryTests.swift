import Testing
@testable import Storage

@Suite struct RedisCacheEntryTests {
    @Test func documentEntryRoundTrip() {
        let value = RedisCacheEntry.documentValue(version: 42, epoch: Array("00ff00ff00ff00ff".utf8), document: Array("{\"a\":1}".utf8))
        #expect(String(decoding: value, as: UTF8.self) == "D42:00ff00ff00ff00ff:{\"a\":1}")
        let header = value.withUnsafeBytes { RedisCacheEntry.header($0) }
        #expect(header?.isTombstone == false)
        #expect(header?.version == 42)
        #expect(header.map { Array(value[$0.bodyStart...]) } == Array("{\"a\":1}".utf8))
    }

    @Test func tombstonesAndForeignValues() {
        let tombstone = Array("T9223372036854775807::".utf8)
        let header = tombstone.withUnsafeBytes { RedisCacheEntry.header($0) }
        #expect(header?.isTombstone == true)
        #expect(header?.version == Int64.max)
        for foreign in ["", "{\"uuid\":1}", "D:abc:", "D12", "D99999999999999999999:e:x"] {
            #expect(Array(foreign.utf8).withUnsafeBytes { RedisCacheEntry.header($0) } == nil, "\(foreign)")
        }
    }

    @Test func searchValuesCompareTheWholeQuery() {
        let query = Array("S-query".utf8)
        var value: [UInt8] = [0, 0, 0, UInt8(query.count)] + query + Array("page".utf8)
        #expect(RedisVConCache.unwrapSearch(value, query: query) == Array("page".utf8))
        value[5] ^= 1
        #expect(RedisVConCache.unwrapSearch(value, query: query) == nil)
    }
}
