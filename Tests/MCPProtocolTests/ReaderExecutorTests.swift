import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

/// A request alone in flight runs on the reader's thread (no hand-off to the pool); one that
/// arrives while another runs goes to the pool; a lone request that waits on another thread is
/// still answered without any further input.
@Suite("Lone requests on the reader thread", .timeLimit(.minutes(TestTiming.minutes(2))))
struct ReaderExecutorTests {
    private func text(_ response: JSON) -> String? { response["result"]?["content"]?[0]?["text"]?.stringValue }

    /// One request after another, each answered before the next is sent. (A request can find the
    /// previous one still in flight for an instant, when that one's answer took the writer's
    /// thread: then it runs on the pool. So most, not all, must run on the reader.)
    @Test func aLoneRequestRunsOnTheReaderThread() async throws {
        let h = PipeHarness()
        try await h.handshake()
        var onReader = 0
        for id in 1...8 {
            h.request(id, "tools/call", ["name": "whereami", "arguments": [:]])
            if text(try await h.response(id)) == "reader" { onReader += 1 }
        }
        #expect(onReader >= 6, "\(onReader) of 8 lone requests ran on the reader thread")
        _ = try await h.finish()
    }

    /// The requests of a batch are not alone: none of them runs on the reader.
    @Test func batchedRequestsRunOnThePool() async throws {
        let h = PipeHarness()
        try await h.handshake("2025-03-26")
        h.send([["jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": ["name": "whereami", "arguments": [:]]],
                ["jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": ["name": "whereami", "arguments": [:]]]])
        let answers = try #require(try await h.next()?.arrayValue)
        #expect(answers.count == 2)
        #expect(answers.allSatisfy { text($0) == "elsewhere" })
        _ = try await h.finish()
    }

    /// The reader waits for a request slot: a lone request it started earlier, which resumes
    /// meanwhile, must not wait for the reader (it holds the only slot).
    @Test func aWaitForASlotDoesNotHoldBackTheRequestHoldingIt() async throws {
        var options = ServerOptions(maxConcurrentRequests: 1)
        options.busyWaitSeconds = 60   // refused as busy only after a minute: far beyond the bound below
        let h = PipeHarness(options: options)
        try await h.handshake()
        h.request(1, "tools/call", ["name": "paced", "arguments": [:], "_meta": ["progressToken": "p"]])
        #expect(try await h.next()?["method"] == "notifications/progress")   // running, alone, on the reader
        h.request(2, "tools/call", ["name": "whereami", "arguments": [:]])   // the reader waits for the slot
        let started = ContinuousClock.now
        #expect(text(try await h.response(1)) != nil)
        #expect(text(try await h.response(2)) != nil, "the second request got the slot, not a busy error")
        // Held back, request 2 would be refused as busy after the minute; a loaded machine may
        // delay the 100 ms wait of request 1, so the bound is generous.
        #expect(ContinuousClock.now - started < TestTiming.scaled(.seconds(30)))
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
        #expect(text(try await h.response(2)) == "elsewhere")
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
