// One entry for both builds. Normally a replay executable (each argument a file or a folder of
// inputs, so saved crashes rerun as regressions). Built with `-DFUZZING -sanitize=fuzzer`,
// main hands over to libFuzzer's driver (SwiftPM renames the executable's main, so libFuzzer's
// own main cannot be used) with the same per-input function.
#if FUZZING
import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@main
enum FuzzJSONRPCMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let code = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            JSONRPCFuzzCase.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
        exit(code)
    }
}
#else
import Foundation

@main
enum FuzzJSONRPCMain {
    static func main() {
        let count = FuzzReplay.run(arguments: Array(CommandLine.arguments.dropFirst()), JSONRPCFuzzCase.run)
        FileHandle.standardError.write(Data("FuzzJSONRPC: replayed \(count) inputs\n".utf8))
    }
}
#endif
