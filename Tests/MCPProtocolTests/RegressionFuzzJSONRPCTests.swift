import Foundation
import JSONCore
@testable import MCPProtocol
import TestSupport
import Testing

/// Every input libFuzzer saved under Fuzz/Crashes/FuzzJSONRPC (and the seeds) as a whole stdin:
/// the server answers with well-formed JSON-RPC only and exits 0 on end of input; the line
/// splitter sees the same lines whatever the chunking.
@Suite(.timeLimit(.minutes(TestTiming.minutes(2))))
struct RegressionFuzzJSONRPCTests {
    static var all: [(String, [UInt8])] { FuzzInputs.inputs("Fuzz/Crashes/FuzzJSONRPC") + FuzzInputs.inputs("Fuzz/Seeds/FuzzJSONRPC") }

    @Test func savedInputsThroughTheServer() async throws {
        let inputs = Self.all
        #expect(!inputs.isEmpty, "the seeds are there")
        for (name, bytes) in inputs {
            let h = PipeHarness(options: ServerOptions(maxLineBytes: 512, pageSize: 1, shutdownGraceSeconds: 5))
            await h.sendRawInBackground(bytes)
            let (code, rest) = try await h.finish()
            #expect(code == 0, "\(name)")
            for message in rest {
                #expect(message["jsonrpc"] == "2.0", "\(name): \(message.encodedString())")
            }
        }
    }

    @Test func splitterIsIndependentOfChunking() {
        for (name, bytes) in Self.all {
            func lines(chunk: Int) -> [[UInt8]] {
                var splitter = LineSplitter(maxLineBytes: 512)
                var out: [[UInt8]] = []
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + chunk)
                    bytes[start..<end].withUnsafeBufferPointer { b in
                        splitter.feed(b) { if case let .line(l) = $0 { out.append(Array(l)) } else { out.append([0xFF]) } }
                    }
                    start = end
                }
                splitter.finish { if case let .line(l) = $0 { out.append(Array(l)) } else { out.append([0xFF]) } }
                return out
            }
            let whole = lines(chunk: max(1, bytes.count))
            for chunk in [1, 7, 64] { #expect(lines(chunk: chunk) == whole, "\(name) in chunks of \(chunk)") }
        }
    }
}
