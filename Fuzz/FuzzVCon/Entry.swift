// In a normal build: a replay executable (each argument a file or a folder of inputs).
// Built with -DFUZZING -sanitize=fuzzer: libFuzzer's main drives LLVMFuzzerTestOneInput.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVConOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    VConFuzzCase.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
import Foundation

@main
enum FuzzVConReplay {
    static func main() {
        let count = FuzzReplay.run(arguments: Array(CommandLine.arguments.dropFirst()), VConFuzzCase.run)
        FileHandle.standardError.write(Data("FuzzVCon: replayed \(count) inputs\n".utf8))
    }
}
#endif
