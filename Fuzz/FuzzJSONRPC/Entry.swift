// In a normal build: a replay executable (each argument a file or a folder of inputs).
// Built with -DFUZZING -sanitize=fuzzer: libFuzzer's main drives LLVMFuzzerTestOneInput.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONRPCOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    JSONRPCFuzzCase.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
import Foundation

@main
enum FuzzJSONRPCReplay {
    static func main() {
        let count = FuzzReplay.run(arguments: Array(CommandLine.arguments.dropFirst()), JSONRPCFuzzCase.run)
        FileHandle.standardError.write(Data("FuzzJSONRPC: replayed \(count) inputs\n".utf8))
    }
}
#endif
