import JSONCore

/// Collects issues while the rules walk a document; every rule adds, none stops the walk.
struct IssueList {
    var items: [ValidationIssue] = []

    mutating func error(_ path: String, _ code: String, _ message: String) {
        items.append(ValidationIssue(path: path, code: code, severity: .error, message: message))
    }

    mutating func warning(_ path: String, _ code: String, _ message: String) {
        items.append(ValidationIssue(path: path, code: code, severity: .warning, message: message))
    }
}

/// Path building: `dialog[2].parties[0]`; the document root is `$`.
enum Path {
    static func member(_ base: String, _ key: String) -> String { base == "$" ? key : base + "." + key }
    static func element(_ base: String, _ index: Int) -> String { base + "[" + String(index) + "]" }
}
