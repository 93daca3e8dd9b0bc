import Foundation
import JSONCore
import Testing

/// Bad frames through the binary: each gets a clear JSON-RPC error, the process keeps serving,
/// and the rows in PostgreSQL are exactly what they were.
@Suite(.enabled(if: TestEnvironment.servicesConfigured), .serialized)
struct HostileFrameTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func malformedFramesAreParseErrors() throws {
        let h = try HostileSession()
        try h.seed()
        let before = try h.digest()
        let frames: [(String, [UInt8])] = [
            ("truncated JSON", Self.bytes(#"{"jsonrpc":"2.0","id":1,"method":"#)),
            ("trailing garbage", Self.bytes(#"{"jsonrpc":"2.0","id":1,"method":"ping"} x"#)),
            ("invalid UTF-8 in a string", Self.bytes(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""#) + [0xC3, 0x28, 0xFF, 0xFE] + Self.bytes(#""}}"#)),
            ("overlong UTF-8 encoding of /", Self.bytes(#"{"jsonrpc":"2.0","method":""#) + [0xC0, 0xAF] + Self.bytes(#""}"#)),
            ("UTF-16 surrogate as UTF-8", Self.bytes(#"{"a":""#) + [0xED, 0xA0, 0x80] + Self.bytes(#""}"#)),
            ("raw NUL inside a string", Self.bytes(#"{"jsonrpc":"2.0","id":1,"method":"pi"#) + [0x00] + Self.bytes(#"ng"}"#)),
            ("raw NUL between tokens", Self.bytes(#"{"jsonrpc":"2.0",#) + [0x00] + Self.bytes(#""id":1,"method":"ping"}"#)),
            ("only NUL bytes", [0, 0, 0, 0]),
            ("10,000-level nesting", Self.bytes(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))),
            ("10,000-level nesting in params", Self.bytes(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":"# + String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_001) + "}")),
            ("a number beyond Double", Self.bytes(#"{"jsonrpc":"2.0","id":1e400,"method":"ping"}"#)),
            ("lone surrogate escape then garbage", Self.bytes(#"{"a":"\ud800"#)),
        ]
        for (name, frame) in frames {
            let error = try h.errorForUnaddressedLine(frame)
            let code = error?["error"]?["code"]?.intValue
            #expect(code == -32700 || code == -32600, "\(name): \(error?.encodedString() ?? "no error line")")
            #expect(error?["error"]?["message"]?.stringValue?.isEmpty == false, "\(name): the error says something")
        }
        #expect(try h.digest() == before)
        #expect(try h.client.finish() == 0)
    }

    @Test func escapedNULAndDeepButLegalNestingAreAnswered() throws {
        let h = try HostileSession()
        try h.seed()
        let before = try h.digest()
        // An escaped NUL in a method name is valid JSON naming no method.
        let nul = try h.rawRequest { Self.bytes(#"{"jsonrpc":"2.0","id":\#($0),"method":"ping\u0000"}"#) }
        #expect(nul["error"]?["code"] == -32601)
        // A NUL in a uuid and in a search string: a tool error or empty results, never a crash.
        let nulUUID = try h.client.call("get_vcon", ["uuid": .string("\(h.seeded[0])\u{0}")])
        #expect(nulUUID["isError"] == true)
        // libpq takes C strings: a NUL must be refused, never cut the pattern short to "ali".
        let nulSearch = try h.client.call("search_vcons", ["party_name": "ali\u{0}ce"])
        #expect(nulSearch["isError"] == true, "\(nulSearch)")
        // 64 levels: legal JSON, an invalid vCon.
        let deep64 = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let r = try h.rawRequest { Self.bytes(#"{"jsonrpc":"2.0","id":\#($0),"method":"tools/call","params":{"name":"create_vcon","arguments":{"vcon":\#(deep64)}}}"#) }
        #expect(r["result"]?["isError"] == true || r["error"]?["code"] == -32602, "\(r.encodedString().prefix(300))")
        let deepParty = try h.rawRequest { Self.bytes(#"{"jsonrpc":"2.0","id":\#($0),"method":"tools/call","params":{"name":"add_party","arguments":{"vcon_uuid":"\#(h.seeded[0])","party":{"name":\#(deep64)}}}}"#) }
        #expect(deepParty["result"]?["isError"] == true || deepParty["error"]?["code"] == -32602, "\(deepParty.encodedString().prefix(300))")
        try h.expectAlive()
        #expect(try h.digest() == before)
        #expect(try h.client.finish() == 0)
    }

    @Test func integersBeyond64Bits() throws {
        let h = try HostileSession()
        try h.seed()
        let before = try h.digest()
        let huge = "123456789012345678901234567890"
        // An id beyond Int64 cannot be echoed as an integer: invalid request, not a crash.
        let idError = try h.errorForUnaddressedLine(Self.bytes(#"{"jsonrpc":"2.0","id":\#(huge),"method":"ping"}"#))
        #expect(idError?["error"]?["code"] == -32600, "\(idError?.encodedString() ?? "no error line")")
        for (tool, argument) in [("search_vcons", "limit"), ("search_vcons_content", "limit"), ("search_by_tags", "limit")] {
            for number in [huge, "-\(huge)", "9223372036854775808", "1e300"] {
                let r = try h.rawRequest { Self.bytes(#"{"jsonrpc":"2.0","id":\#($0),"method":"tools/call","params":{"name":"\#(tool)","arguments":{"\#(argument)":\#(number),"query":"x","tags":{"a":"b"}}}}"#) }
                #expect(r["result"]?["isError"] == true || r["error"]?["code"] == -32602, "\(tool).\(argument)=\(number): \(r.encodedString().prefix(300))")
            }
        }
        let index = try h.rawRequest { Self.bytes(#"{"jsonrpc":"2.0","id":\#($0),"method":"tools/call","params":{"name":"add_dialog","arguments":{"vcon_uuid":"\#(h.seeded[0])","dialog":{"type":"text","start":"2026-03-04T09:00:00Z","parties":[\#(huge)],"body":"x","encoding":"none","mediatype":"text/plain"}}}}"#) }
        #expect(index["result"]?["isError"] == true || index["error"]?["code"] == -32602, "\(index.encodedString().prefix(300))")
        try h.expectAlive()
        #expect(try h.digest() == before)
        #expect(try h.client.finish() == 0)
    }

    @Test func unknownMethodsAndTools() throws {
        let h = try HostileSession()
        try h.seed()
        let before = try h.digest()
        for method in ["no/such/method", "tools/callx", "", "rpc.discover", "__proto__", "resources/subscribe/../../x"] {
            let r = try h.client.response(method)
            #expect(r["error"]?["code"] == -32601, "\(method): \(r.encodedString())")
        }
        for tool in ["no_such_tool", "", "get_vcon ", "GET_VCON", "'; DROP TABLE vcons; --", "\r\nFLUSHALL\r\n"] {
            let r = try h.client.response("tools/call", ["name": .string(tool), "arguments": [:]])
            let failed = r["error"]?["code"] == -32602 || r["result"]?["isError"] == true
            #expect(failed, "tool \(tool.debugDescription): \(r.encodedString())")
        }
        try h.expectAlive()
        #expect(try h.digest() == before)
        #expect(try h.client.finish() == 0)
    }
}
