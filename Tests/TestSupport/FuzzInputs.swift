import Foundation

/// The inputs libFuzzer saved (Fuzz/Crashes/<target>) and the hand-written seeds (Fuzz/Seeds/<target>),
/// replayed by the regression tests.
public enum FuzzInputs {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file of `folder` (relative to the root; hidden files aside), by name, in name order.
    public static func inputs(_ folder: String) -> [(String, [UInt8])] {
        let dir = root.appendingPathComponent(folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            FileManager.default.contents(atPath: dir.appendingPathComponent(name).path).map { (name, [UInt8]($0)) }
        }
    }
}
