import Foundation

/// How much slower than usual the tests may run: `VCON_TEST_SLOW=<factor>` in the test process's
/// environment (scripts/sanitize.sh sets it: ThreadSanitizer makes everything 5–15x slower).
/// Scales what only bounds a wait — connect and command timeouts, deadlines for an answer, time
/// limits that exist to stop a hang — never what a test asserts about the code's own speed.
/// Unset, empty, or not a number ≥ 1: 1, and every value below is the one written in the test.
public enum TestTiming {
    public static let slowFactor: Double = factor(ProcessInfo.processInfo.environment["VCON_TEST_SLOW"])

    static func factor(_ raw: String?) -> Double {
        guard let raw, let value = Double(raw), value.isFinite, value >= 1 else { return 1 }
        return value
    }

    public static func scaled(_ duration: Duration) -> Duration { duration * slowFactor }

    /// Seconds, for Foundation's deadlines (`Date`, `TimeInterval`).
    public static func scaled(seconds: TimeInterval) -> TimeInterval { seconds * slowFactor }

    /// Whole seconds or milliseconds of a connection setting, rounded up.
    public static func scaled(_ value: Int) -> Int { Int((Double(value) * slowFactor).rounded(.up)) }

    /// For `.timeLimit(.minutes(TestTiming.minutes(1)))`: the trait is evaluated when the test
    /// plan is built, in the test process, so it sees the environment.
    public static func minutes(_ minutes: Int) -> Int { scaled(minutes) }
}
