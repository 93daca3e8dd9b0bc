import JSONCore
@testable import MCPProtocol
import Testing

@Suite("JSON-RPC codec")
struct CodecTests {
    @Test func classifiesRequestsNotificationsAndResponses() throws {
        guard case let .request(id, method, params) = IncomingMessage(try JSON.parse(#"{"jsonrpc":"2.0","id":"a-1","method":"m","params":{"x":1}}"#)) else {
            Issue.record("not a request"); return
        }
        #expect(id == .string("a-1"))
        #expect(method == "m")
        #expect(params?["x"] == 1)
        guard case .notification("n", nil) = IncomingMessage(try JSON.parse(#"{"jsonrpc":"2.0","method":"n"}"#)) else {
            Issue.record("not a notification"); return
        }
        guard case .response = IncomingMessage(try JSON.parse(#"{"jsonrpc":"2.0","id":3,"result":{}}"#)) else {
            Issue.record("not a response"); return
        }
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":7}"#, -32600, RequestID.int(7) as RequestID?),
        (#"{"jsonrpc":"1.0","id":8,"method":"ping"}"#, -32600, .int(8)),
        (#"{"id":9,"method":"ping"}"#, -32600, .int(9)),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, -32600, nil),
        (#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, -32600, nil),
        (#"{"jsonrpc":"2.0","id":2,"method":5}"#, -32600, .int(2)),
        (#"{"jsonrpc":"2.0","id":3,"method":"m","params":[1]}"#, -32602, .int(3)),
        (#"42"#, -32600, nil),
    ])
    func invalidMessages(text: String, code: Int, id: RequestID?) throws {
        guard case let .invalid(gotID, gotCode, message) = IncomingMessage(try JSON.parse(text)) else {
            Issue.record("accepted \(text)"); return
        }
        #expect(gotCode == code)
        #expect(gotID == id)
        #expect(!message.isEmpty)
    }

    @Test func framesEchoIdsExactly() throws {
        let big = Frames.result(id: .int(9_007_199_254_740_993), ["ok": true])
        #expect(try JSON.parse(big)["id"] == .int(9_007_199_254_740_993))
        let s = Frames.error(id: .string("x\"y"), code: -32601, message: "nope")
        let parsed = try JSON.parse(s)
        #expect(parsed["id"] == "x\"y")
        #expect(parsed["error"]?["code"] == -32601)
        #expect(parsed["jsonrpc"] == "2.0")
        #expect(try JSON.parse(Frames.error(id: nil, code: -32700, message: "p"))["id"] == .null)
    }

    @Test func errorDataIsKept() throws {
        let f = try JSON.parse(Frames.error(id: .int(1), MCPError.resourceNotFound(uri: "u://x")))
        #expect(f["error"]?["data"]?["uri"] == "u://x")
        #expect(f["error"]?["code"] == -32002)
    }
}

@Suite("Line splitter")
struct LineSplitterTests {
    func lines(_ chunks: [String], max: Int = 100) -> [String] {
        var splitter = LineSplitter(maxLineBytes: max)
        var out: [String] = []
        let emit: (LineSplitter.Event) -> Void = { e in
            switch e {
            case let .line(l): out.append(String(decoding: Array(l), as: UTF8.self))
            case .oversized: out.append("<oversized>")
            }
        }
        for c in chunks { Array(c.utf8).withUnsafeBufferPointer { splitter.feed($0, emit) } }
        splitter.finish(emit)
        return out
    }

    @Test func splitsAcrossChunksAndDropsCarriageReturns() {
        #expect(lines(["ab", "c\nde\r\n", "f\n\ng"]) == ["abc", "de", "f", "", "g"])
    }

    @Test func oversizedLineIsReportedOnceAndSkipped() {
        let long = String(repeating: "x", count: 30)
        #expect(lines([long, long, long + "\nok\n"], max: 50) == ["<oversized>", "ok"])
        #expect(lines([long + long + "\nok\n"], max: 50) == ["<oversized>", "ok"])
        // Exactly the maximum passes, with or without a trailing \r.
        let exact = String(repeating: "y", count: 50)
        #expect(lines([exact + "\r\n", exact + "y\n"], max: 50) == [exact, "<oversized>"])
    }
}
