/// A start-up configuration problem. The description names the variable and what to set;
/// it never repeats a value that could be a secret (URLs are not echoed).
struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    let variable: String
    let problem: String

    var description: String { "\(variable): \(problem)" }
}
