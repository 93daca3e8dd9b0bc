import JSONCore
import VConModel

/// A tool argument the model got wrong; becomes an `isError` result that says what to send.
struct ArgumentError: Error {
    let message: String
}

/// Typed access to a tool call's arguments. Every accessor checks the JSON kind and names the
/// argument in its error, so the model learns exactly what to change.
struct ToolArguments {
    let object: JSONObject

    init(_ object: JSONObject, allowed: [String]) throws(ArgumentError) {
        for key in object.keys where !allowed.contains(key) {
            let accepted = allowed.isEmpty ? "no arguments" : allowed.joined(separator: ", ")
            throw ArgumentError(message: "Unknown argument '\(key)'. This tool accepts: \(accepted).")
        }
        self.object = object
    }

    func string(_ name: String) throws(ArgumentError) -> String? {
        guard let value = object[name], !value.isNull else { return nil }
        guard let s = value.stringValue else { throw ArgumentError(message: "Argument '\(name)' must be a string, got \(value.kindName).") }
        return s
    }

    func requiredString(_ name: String) throws(ArgumentError) -> String {
        guard let s = try string(name), !s.isEmpty else {
            throw ArgumentError(message: "Argument '\(name)' is required (a non-empty string).")
        }
        return s
    }

    func uuid(_ name: String) throws(ArgumentError) -> VConID {
        let text = try requiredString(name)
        guard let id = VConID(text) else {
            throw ArgumentError(message: "Argument '\(name)' must be a vCon uuid like 01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2; search_vcons lists stored uuids.")
        }
        return id
    }

    func bool(_ name: String, default value: Bool) throws(ArgumentError) -> Bool {
        guard let v = object[name], !v.isNull else { return value }
        guard let b = v.boolValue else { throw ArgumentError(message: "Argument '\(name)' must be true or false, got \(v.kindName).") }
        return b
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws(ArgumentError) -> Int {
        guard let v = object[name], !v.isNull else { return value }
        let n: Int?
        switch v {
        case let .int(i): n = i
        case let .double(d) where d.rounded() == d && abs(d) < 1e15: n = Int(d)
        default: n = nil
        }
        guard let n, range.contains(n) else {
            throw ArgumentError(message: "Argument '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return n
    }

    func object(_ name: String) throws(ArgumentError) -> JSONObject? {
        guard let v = object[name], !v.isNull else { return nil }
        guard let o = v.objectValue else { throw ArgumentError(message: "Argument '\(name)' must be a JSON object, got \(v.kindName).") }
        return o
    }

    func requiredObject(_ name: String) throws(ArgumentError) -> JSONObject {
        guard let o = try object(name) else { throw ArgumentError(message: "Argument '\(name)' is required (a JSON object).") }
        return o
    }

    func choice(_ name: String, of options: [String], default value: String) throws(ArgumentError) -> String {
        guard let s = try string(name) else { return value }
        guard options.contains(s) else {
            throw ArgumentError(message: "Argument '\(name)' must be one of \(options.joined(separator: ", ")); got '\(s)'.")
        }
        return s
    }

    static let maxTags = 32

    /// A `{"key": "value", …}` object of tags (values must be strings).
    func tags(_ name: String) throws(ArgumentError) -> [VConTag] {
        guard let o = try object(name) else { return [] }
        // Each tag is a clause of the query; a bound keeps hostile filters cheap.
        guard o.count <= Self.maxTags else {
            throw ArgumentError(message: "Argument '\(name)' may hold at most \(Self.maxTags) tags; got \(o.count). Narrow the filter.")
        }
        var tags: [VConTag] = []
        for (key, value) in o {
            guard let s = value.stringValue else {
                throw ArgumentError(message: "Argument '\(name)' must map tag keys to string values; '\(key)' has a \(value.kindName).")
            }
            tags.append(VConTag(key: key, value: s))
        }
        return tags
    }
}
