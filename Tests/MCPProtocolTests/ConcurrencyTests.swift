import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

@Suite("Concurrency, cancellation, progress, shutdown", .timeLimit(.minutes(TestTiming.minutes(2))))
struct ConcurrencyTests {
    /// 32 pipelined requests with 1 MiB responses: every line is valid JSON-RPC, every id is
    /// answered exactly once, every payload is intact.
    @Test func pipelinedMegabyteResponsesNeverInterleave() async throws {
        let h = PipeHarness()
        try await h.handshake()
        let ids = Array(100..<132)
        var batch: [UInt8] = []
        for id in ids {
            batch += JSON.object(["jsonrpc": "2.0", "id": .int(id), "method": "tools/call",
                                  "params": ["name": "big", "arguments": ["marker": .int(id)]]]).encoded() + [0x0A]
        }
        h.sendRaw(batch)
        var seen: [Int: Int] = [:]
        while seen.count < ids.count {
            let line = try #require(try await h.nextRawLine())
            let message = try JSON.parse(line)           // throws if a frame was torn
            #expect(message["jsonrpc"] == "2.0")
            let id = try #require(message["id"]?.intValue)
            let text = try #require(message["result"]?["content"]?[0]?["text"]?.stringValue)
            #expect(text.utf8.count >= (1 << 20) - 4)
            #expect(text.hasPrefix("line \"\(id)\"\n\t\\ é ✓ "))
            #expect(line.count > 1 << 20)
            seen[id, default: 0] += 1
        }
        #expect(Set(seen.keys) == Set(ids))
        #expect(seen.values.allSatisfy { $0 == 1 })
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(rest.isEmpty)
    }

    /// A slow request does not hold up a fast one: responses may leave out of order.
    @Test func responsesMayArriveOutOfOrder() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "tools/call", ["name": "slow", "arguments": ["tag": 1]])
        h.request(2, "ping")
        #expect(try await h.next()?["id"] == 2)
        h.notify("notifications/cancelled", ["requestId": 1, "reason": "test"])
        _ = try await h.finish()
    }

    /// A request cancelled before its handler ran is never answered either.
    @Test func cancellationRightAfterTheRequest() async throws {
        let h = PipeHarness()
        try await h.handshake()
        for id in 20..<30 {
            h.request(id, "tools/call", ["name": "slow", "arguments": ["tag": .int(id)]])
            h.notify("notifications/cancelled", ["requestId": .int(id)])
        }
        h.request(30, "ping")
        #expect(try await h.next()?["id"] == 30)
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(rest.isEmpty)
    }

    /// Cancelling stops the handler (its task sees the cancellation) and suppresses its response.
    @Test func cancellationStopsTheHandlerAndSuppressesTheResponse() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(7, "tools/call", ["name": "slow", "arguments": ["tag": 7], "_meta": ["progressToken": 7]])
        let started = try #require(try await h.next())
        #expect(started["method"] == "notifications/progress")       // the handler is running
        h.notify("notifications/cancelled", ["requestId": 7, "reason": "changed my mind"])
        h.notify("notifications/cancelled", ["requestId": 999])      // unknown: ignored
        h.request(8, "ping")
        #expect(try await h.next()?["id"] == 8)
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(!rest.contains { $0["id"] == 7 })
        #expect(TestTools.cancelSeen.withLock { $0.contains(7) })
    }

    @Test func duplicateIdInFlightIsRefused() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(3, "tools/call", ["name": "slow", "arguments": ["tag": 3]])
        h.request(3, "ping")
        let r = try #require(try await h.next())
        #expect(r["id"] == 3)
        #expect(r["error"]?["code"] == -32600)
        h.notify("notifications/cancelled", ["requestId": 3])
        _ = try await h.finish()
    }

    /// Progress notifications carry the token, increase strictly, and precede the response.
    @Test(arguments: ["2024-11-05", "2025-11-25"])
    func progressNotifications(version: String) async throws {
        let h = PipeHarness()
        try await h.handshake(version)
        h.request(1, "tools/call", ["name": "progress", "arguments": [:], "_meta": ["progressToken": "tok-1"]])
        var progress: [JSON] = []
        while let m = try await h.next() {
            if m["id"] == 1 { break }
            #expect(m["method"] == "notifications/progress")
            progress.append(try #require(m["params"]))
        }
        #expect(progress.map { $0["progress"]?.doubleValue } == [1, 2, 3])
        #expect(progress.allSatisfy { $0["progressToken"] == "tok-1" && $0["total"] == 3.0 })
        #expect((progress[0]["message"] == "one") == (version >= "2025-03-26"))
        // Without a token: no notifications, just the answer.
        h.request(2, "tools/call", ["name": "progress", "arguments": [:]])
        #expect(try await h.next()?["id"] == 2)
        _ = try await h.finish()
    }

    /// EOF with a request still running: it completes and is answered, then run returns 0.
    @Test func eofLetsInFlightRequestsFinish() async throws {
        let h = PipeHarness()
        try await h.handshake()
        h.request(1, "tools/call", ["name": "delayed", "arguments": [:]])
        h.request(2, "tools/call", ["name": "delayed", "arguments": [:]])
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(Set(rest.compactMap { $0["id"]?.intValue }) == [1, 2])
        #expect(rest.allSatisfy { $0["result"]?["content"]?[0]?["text"] == "done" })
    }

    /// A handler that outlives the grace period is cancelled and run still returns 0.
    @Test func graceBoundsTheShutdown() async throws {
        let h = PipeHarness(options: ServerOptions(shutdownGraceSeconds: 0.2))
        try await h.handshake()
        h.request(1, "tools/call", ["name": "slow", "arguments": ["tag": 41], "_meta": ["progressToken": "p"]])
        #expect(try await h.next()?["method"] == "notifications/progress")   // the handler is running
        h.request(2, "ping")
        #expect(try await h.next()?["id"] == 2)
        let started = ContinuousClock.now
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(!rest.contains { $0["id"] == 1 && $0["result"] != nil })
        #expect(TestTools.cancelSeen.withLock { $0.contains(41) })
    }

    /// Past the concurrency limit the server stops reading until a request finishes: a
    /// pipelining client is slowed down, not refused.
    @Test func pipeliningPastTheLimitIsSlowedNotRefused() async throws {
        var options = ServerOptions(maxConcurrentRequests: 2)
        // Nominally the last request waits ~0.9 s for a slot; a generous window keeps a loaded
        // machine from turning "slowed" into "refused".
        options.busyWaitSeconds = 60
        let h = PipeHarness(options: options)
        try await h.handshake()
        for id in 1...6 { h.request(id, "tools/call", ["name": "delayed", "arguments": [:]]) }
        h.request(7, "ping")
        var answered = Set<Int>()
        for _ in 1...7 {
            let m = try #require(try await h.next())
            #expect(m["error"] == nil, "\(m)")
            answered.insert(m["id"]?.intValue ?? -1)
        }
        #expect(answered == Set(1...7))
        _ = try await h.finish()
    }

    /// When no slot frees up in time the request is refused and reading goes on, so the
    /// cancellations that free the slots still get through.
    @Test func requestWaitingTooLongIsRefusedAsBusy() async throws {
        var options = ServerOptions(maxConcurrentRequests: 2)
        options.busyWaitSeconds = 0.2
        let h = PipeHarness(options: options)
        try await h.handshake()
        for id in [1, 2] {
            h.request(id, "tools/call", ["name": "slow", "arguments": ["tag": .int(60 + id)], "_meta": ["progressToken": .int(id)]])
            #expect(try await h.next()?["method"] == "notifications/progress")   // running
        }
        h.request(3, "ping")
        let busy = try #require(try await h.next())
        #expect(busy["id"] == 3)
        #expect(busy["error"]?["code"] == -32603)
        h.notify("notifications/cancelled", ["requestId": 1])
        h.notify("notifications/cancelled", ["requestId": 2])
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(rest.isEmpty)
        #expect(TestTools.cancelSeen.withLock { $0.isSuperset(of: [61, 62]) })
    }

    /// A client may reuse an id as soon as it has read the answer.
    @Test func idsCanBeReusedOnceAnswered() async throws {
        let h = PipeHarness()
        try await h.handshake()
        for round in 0..<200 {
            h.request(1, "tools/call", ["name": "echo", "arguments": ["text": .string("r\(round)")]])
            let r = try #require(try await h.next())
            #expect(r["id"] == 1)
            #expect(r["result"]?["structuredContent"]?["text"] == .string("r\(round)"), "round \(round): \(r)")
        }
        _ = try await h.finish()
    }
}
