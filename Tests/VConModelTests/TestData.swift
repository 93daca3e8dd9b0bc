import Foundation
import Testing

/// Where the shared sample folders are: env var, else `../shared/…` next to the package root.
enum TestData {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var samplesDirectory: URL { folder(env: "VCON_SAMPLES_DIR", default: "../shared/vcon-samples") }
    static var corpusDirectory: URL { folder(env: "VCON_CORPUS_DIR", default: "../shared/vcon-corpus/fake-vcons") }

    static func folder(env: String, default relative: String) -> URL {
        if let path = ProcessInfo.processInfo.environment[env], !path.isEmpty { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(relative).standardizedFileURL
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// The folder's files ending in `suffix`, sorted; nil when the folder is missing (outside CI).
    /// Under CI a missing folder is recorded as a test failure.
    /// `recordMissing: false` for use outside a running test (argument lists); such callers must
    /// check for an empty result inside a test.
    static func files(in folder: URL, suffix: String, recordMissing: Bool = true) -> [URL]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            if isCI && recordMissing { Issue.record("sample folder missing: \(folder.path)") }
            return nil
        }
        return names.filter { $0.hasSuffix(suffix) && $0 != "MANIFEST.json" }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }
}
