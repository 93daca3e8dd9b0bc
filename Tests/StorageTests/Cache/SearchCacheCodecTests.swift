import Testing
import VConModel
@testable import Storage

@Suite struct SearchCacheCodecTests {
    let summary = VConSummary(uuid: VConID("0190a5c8-0000-8000-8000-00000000c0de")!, version: 42, subject: "héllo «x»",
                              createdAt: "2026-01-01T00:00:00.000Z", updatedAt: nil, firstDialogStart: "2026-01-01T00:00:01.000Z",
                              partyCount: 2, dialogCount: 3, analysisCount: 0, attachmentCount: 1, form: .signed)

    @Test func pagesRoundTrip() throws {
        let page = VConSearchPage(items: [summary, summary], nextCursor: "abc", totalCount: 7)
        #expect(SearchCacheCodec.decodeSearchPage(SearchCacheCodec.encode(page)) == page)
        let empty = VConSearchPage(items: [], nextCursor: nil, totalCount: nil)
        #expect(SearchCacheCodec.decodeSearchPage(SearchCacheCodec.encode(empty)) == empty)
        let content = ContentSearchPage(hits: [ContentHit(summary: summary, rank: 0.125, snippets: ["a «b»", ""])],
                                        nextCursor: nil, totalCount: 1)
        #expect(SearchCacheCodec.decodeContentPage(SearchCacheCodec.encode(content)) == content)
        #expect(SearchCacheCodec.decodeSearchPage(Array(SearchCacheCodec.encode(page).dropLast())) == nil, "truncated: a miss")
    }

    @Test func queriesWithDifferentMeaningHaveDifferentKeys() {
        let a = VConSearchQuery(filter: VConFilter(subject: "x"))
        let b = VConSearchQuery(filter: VConFilter(partyName: "x"))
        let c = VConSearchQuery(filter: VConFilter(subject: "x"), cursor: "next")
        let d = VConSearchQuery(filter: VConFilter(subject: ""))
        let keys = [a, b, c, d].map(SearchCacheCodec.key)
        #expect(Set(keys).count == 4)
        #expect(SearchCacheCodec.key(a) == SearchCacheCodec.key(VConSearchQuery(filter: VConFilter(subject: "x"))))
        #expect(SearchCacheCodec.key(ContentSearchQuery(text: "x")) != SearchCacheCodec.key(ContentSearchQuery(text: "y")))
    }

    @Test func latencyWindowPercentiles() {
        var window = LatencyWindow(capacity: 100)
        for i in 1...200 { window.record(.microseconds(i)) }   // keeps the last 100: 101…200
        let (p50, p99) = window.percentiles()
        #expect(p50 == 151 && p99 == 200)
    }
}
