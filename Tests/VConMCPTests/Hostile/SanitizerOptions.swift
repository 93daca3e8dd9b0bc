/// The sanitizer runtime options of the test process, passed on to the servers it spawns (their
/// environment is otherwise built from scratch), so scripts/sanitize.sh's suppressions and
/// settings reach them. `VCON_TEST_SERVER_<NAME>` replaces `<NAME>` for the servers only:
/// sanitize.sh checks the servers for leaks that way, while the test process itself runs without
/// (Foundation's `Process` on Linux never frees itself, so every test that spawns one "leaks").
enum SanitizerOptions {
    static let names: Set<String> = ["TSAN_OPTIONS", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"]
    static var forwarded: [String: String] {
        var options = TestEnvironment.env.filter { names.contains($0.key) }
        for name in names {
            if let serverOnly = TestEnvironment.env["VCON_TEST_SERVER_\(name)"] { options[name] = serverOnly }
        }
        return options
    }

    static func adding(_ extra: [String: String]) -> [String: String] {
        extra.merging(forwarded) { mine, _ in mine }
    }
}
