// One entry for both builds of every fuzz target. Normally a replay executable (each argument a
// file or a folder of inputs, so saved crashes rerun as regressions). Built with
// `-DFUZZING -sanitize=fuzzer`, it hands over to libFuzzer's driver (SwiftPM renames the
// executable's main, so libFuzzer's own main cannot be used) with the same per-input function.
#if FUZZING
import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

public enum FuzzHarness {
    // A C callback cannot capture: the target's function is parked here for it.
    nonisolated(unsafe) private static var body: ([UInt8]) -> Void = { _ in }

    public static func run(name: String, _ body: @escaping ([UInt8]) -> Void) -> Never {
        Self.body = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let code = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzHarness.body(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
        exit(code)
    }
}
#else
import Foundation

public enum FuzzHarness {
    public static func run(name: String, _ body: @escaping ([UInt8]) -> Void) -> Never {
        let count = FuzzReplay.run(arguments: Array(CommandLine.arguments.dropFirst()), body)
        FileHandle.standardError.write(Data("\(name): replayed \(count) inputs\n".utf8))
        exit(0)
    }
}
#endif
