import Foundation
import JSONCore
import TestSupport

/// Runs the binary on a fixed script of JSON-RPC lines (all written at once, then EOF) and
/// keeps everything it wrote: every stdout line and the whole of stderr (through a file, so
/// nothing is truncated and no reader can block the child).
struct ScriptedRun {
    let stdoutLines: [String]
    let stderr: String
    let exitCode: Int32

    var everything: String { stdoutLines.joined(separator: "\n") + "\n" + stderr }

    static func run(binary: String, arguments: [String] = [], environment: [String: String], lines: [JSON],
                    timeout: TimeInterval = 60) throws -> ScriptedRun {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("vcon-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.environment = environment
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = errorHandle
        try p.run()
        try errorHandle.close()
        let script = Data(lines.flatMap { $0.encoded() + [0x0A] })
        let writer = Thread {
            input.fileHandleForWriting.write(script)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()   // EOF: the child has exited or closed stdout
        let deadline = Date().addingTimeInterval(TestTiming.scaled(seconds: timeout))
        while p.isRunning {
            guard Date() < deadline else { p.terminate(); throw TestSetupError("server did not exit after EOF") }
            usleep(2_000)   // stdout is closed; the exit is imminent
        }
        let errors = (try? Data(contentsOf: errorFile)) ?? Data()
        return ScriptedRun(stdoutLines: String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init),
                           stderr: String(decoding: errors, as: UTF8.self), exitCode: p.terminationStatus)
    }
}
