#if !FUZZING
import Foundation

/// Feeds every file named (folders: every regular file inside, recursively) to `body`.
enum FuzzReplay {
    static func run(arguments: [String], _ body: ([UInt8]) -> Void) -> Int {
        var count = 0
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
            let files: [String]
            if isDirectory.boolValue {
                let base = URL(fileURLWithPath: argument)
                files = (FileManager.default.enumerator(atPath: argument)?.compactMap { $0 as? String } ?? [])
                    .sorted().map { base.appendingPathComponent($0).path }
                    .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
            } else {
                files = [argument]
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                body([UInt8](data))
                count += 1
            }
        }
        return count
    }
}
#endif
