/// The sanitizer runtime options of the test process, passed on to the servers it spawns (their
/// environment is otherwise built from scratch), so scripts/sanitize.sh's suppressions and
/// settings reach them.
enum SanitizerOptions {
    static let names: Set<String> = ["TSAN_OPTIONS", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"]
    static var forwarded: [String: String] { TestEnvironment.env.filter { names.contains($0.key) } }

    static func adding(_ extra: [String: String]) -> [String: String] {
        extra.merging(forwarded) { mine, _ in mine }
    }
}
