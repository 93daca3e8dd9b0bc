import JSONCore
@testable import MCPProtocol
import Testing

/// A request alone in flight runs on the reader's thread (no hand-off to the pool); one that
/// arrives while another runs goes to the pool; a lone request that waits on another thread is
/// still answered without any further input.
@Suite("Lone requests on the reader thread", .timeLimit(.minutes(2)))
struct ReaderExecutorTests {
    private func text(_ response: JSON) -> String? { response["result"]?["content"]?[0]?["text"]?.stringValue }

    @Test func aLoneRequestRunsOnTheReaderThread() async throws {
        let h = PipeHarness()
        try await h.handshake()
        for id in 1...3 {
            h.request(id, "tools/call", ["name": "whereami", "arguments": [:]])
            #expect(text(try await h.response(id)) == LineReader.readerThreadName)
        }
        _ = try await h.finish()
    }

    @Test func aRequestBesideARunningOneGoesToThePool() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "tools/call", ["name": "slow", "arguments": ["tag": 901], "_meta": ["progressToken": "p"]])
        // The progress notification says the slow handler is running (it stays in flight).
        let started = try #require(try await h.next())
        #expect(started["method"] == "notifications/progress")
        h.request(2, "tools/call", ["name": "whereami", "arguments": [:]])
        let name = try #require(text(try await h.response(2)))
        #expect(name != LineReader.readerThreadName)
        h.notify("notifications/cancelled", ["requestId": 1])
        _ = try await h.finish()
    }

    /// The reader is blocked in `read` when the waiting ends: the rest must not wait for input.
    @Test func aLoneRequestThatWaitsElsewhereIsAnsweredWithoutMoreInput() async throws {
        let h = PipeHarness()
        try await h.handshake()
        for id in 1...5 {
            h.request(id, "tools/call", ["name": id % 2 == 0 ? "delayed" : "resumed_elsewhere", "arguments": [:]])
            let response = try await h.response(id)
            #expect(response["result"]?["isError"] != true)
            #expect(text(response) != nil)
        }
        _ = try await h.finish()
    }
}
