import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

@Suite("Hostile input", .timeLimit(.minutes(TestTiming.minutes(2))))
struct HostileInputTests {
    /// Garbage, invalid UTF-8, NUL bytes, deep nesting: each gets -32700 with id null, and the
    /// server answers the next request.
    @Test func garbageIsAnsweredAndServingGoesOn() async throws {
        let h = PipeHarness()
        let inputs: [[UInt8]] = [
            Array("{this is not json".utf8),
            [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D],          // {"\xFF\xFE":1}
            Array(#"{"jsonrpc":"2.0","id":1,"method":"ping","x":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),
            [0x00, 0x00, 0x7B, 0x7D],
            Array(String(repeating: "[", count: 10_000).utf8),
            Array((String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8),
        ]
        for input in inputs {
            h.sendRaw(input + [0x0A])
            let reply = try #require(try await h.next())
            #expect(reply["error"]?["code"] == -32700)
            #expect(reply["id"] == .null)
        }
        h.sendRaw(Array("\r\n   \n".utf8))     // blank lines: no message, no answer
        try await h.handshake()
        h.request(5, "ping")
        #expect(try await h.response(5)["result"] == [:])
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(rest.isEmpty)
    }

    @Test func nulInsideAStringIsRefused() async throws {
        let h = PipeHarness()
        h.sendRaw(Array(#"{"jsonrpc":"2.0","id":1,"method":"p"#.utf8) + [0x00] + Array("\"}\n".utf8))
        let reply = try #require(try await h.next())
        #expect(reply["error"]?["code"] == -32700)
        _ = try await h.finish()
    }

    /// A 70 MiB line with a 64 MiB maximum: one error with id null, then the next request is served.
    @Test func lineOverTheMaximumIsDroppedWithAnError() async throws {
        let h = PipeHarness()
        var huge = Array(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":""#.utf8)
        huge += [UInt8](repeating: UInt8(ascii: "a"), count: 70 << 20)
        huge += Array("\"}}\n".utf8)
        huge += Array(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#.utf8) + [0x0A]
        await h.sendRawInBackground(huge)
        let first = try #require(try await h.next())
        #expect(first["error"]?["code"] == -32600)
        #expect(first["id"] == .null)
        let second = try #require(try await h.next())
        #expect(second["id"] == 2)
        #expect(second["result"] == [:])
        let (code, rest) = try await h.finish()
        #expect(code == 0)
        #expect(rest.isEmpty)
    }

    @Test func smallerConfiguredMaximumIsHonoured() async throws {
        let h = PipeHarness(options: ServerOptions(maxLineBytes: 1000))
        h.request(1, "ping", ["pad": .string(String(repeating: "z", count: 2000))])
        h.request(2, "ping", ["pad": .string(String(repeating: "z", count: 900))])
        #expect(try await h.next()?["error"]?["code"] == -32600)
        #expect(try await h.next()?["id"] == 2)
        _ = try await h.finish()
    }

    /// Non-blocking descriptors (EAGAIN) are waited on, not mistaken for end of input; large
    /// frames still arrive whole.
    @Test func nonBlockingDescriptors() async throws {
        let h = PipeHarness(nonBlocking: true)
        try await h.handshake()
        for id in 1...4 {
            h.request(id, "tools/call", ["name": "big", "arguments": ["marker": .int(id), "size": 300_000]])
        }
        var seen = Set<Int>()
        for _ in 1...4 {
            let m = try #require(try await h.next())
            #expect(m["result"]?["content"]?[0]?["text"]?.stringValue?.utf8.count ?? 0 > 290_000)
            seen.insert(m["id"]?.intValue ?? -1)
        }
        #expect(seen == [1, 2, 3, 4])
        let (code, _) = try await h.finish()
        #expect(code == 0)
    }
}
