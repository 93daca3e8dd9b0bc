import JSONCore

/// Checks a value against the subset of JSON Schema that tool input schemas use: `type`,
/// `properties`, `required`, `additionalProperties`, `enum`, `const`, `items`, `minItems`/`maxItems`,
/// `minimum`/`maximum` (and the exclusive forms), `minLength`/`maxLength`, `pattern`, `oneOf`,
/// `anyOf`, `allOf`, `not`, and local `$ref`s ("#/$defs/…", "#/definitions/…").
/// Unknown keywords are ignored. Every issue is collected, each naming its path.
public enum SchemaValidator {
    /// The problems found, e.g. `"limit: must be at most 100 (got 500)"`; empty when the value conforms.
    public static func validate(_ value: JSON, against schema: JSON, rootName: String = "arguments") -> [String] {
        var v = Walker(root: schema)
        v.check(value, schema, path: rootName, depth: 0)
        return v.issues
    }

    private struct Walker {
        let root: JSON
        var issues: [String] = []

        mutating func fail(_ path: String, _ message: String) { issues.append("\(path): \(message)") }

        mutating func check(_ value: JSON, _ schema: JSON, path: String, depth: Int) {
            guard depth < 64 else { return }   // a self-referencing schema must not recurse forever
            guard case let .object(s) = schema else {
                if schema == .bool(false) { fail(path, "is not allowed") }
                return
            }
            if case let .string(ref)? = s["$ref"], let target = resolve(ref) {
                check(value, target, path: path, depth: depth + 1)
            }
            if let type = s["type"], !matches(value, type: type) {
                fail(path, "must be \(describe(type)), not \(kind(value))")
                return
            }
            if let options = s["enum"]?.arrayValue, !options.contains(where: { same($0, value) }) {
                fail(path, "must be one of \(options.map(\.description).joined(separator: ", ")) (got \(short(value)))")
            }
            if let constant = s["const"], !same(constant, value) {
                fail(path, "must be \(constant.description) (got \(short(value)))")
            }
            switch value {
            case let .object(o): checkObject(o, s, path: path, depth: depth)
            case let .array(a): checkArray(a, s, path: path, depth: depth)
            case let .string(text): checkString(text, s, path: path)
            case .int, .double: checkNumber(value.doubleValue!, s, path: path)
            default: break
            }
            checkCombinators(value, s, path: path, depth: depth)
        }

        mutating func checkObject(_ o: JSONObject, _ s: JSONObject, path: String, depth: Int) {
            let properties = s["properties"]?.objectValue ?? JSONObject()
            if let required = s["required"]?.arrayValue {
                for case let .string(name) in required where !o.contains(name) { fail(path, "missing required property \"\(name)\"") }
            }
            for (key, member) in o {
                let childPath = path + "." + key
                if let propertySchema = properties[key] {
                    check(member, propertySchema, path: childPath, depth: depth + 1)
                } else if let additional = s["additionalProperties"] {
                    if additional == .bool(false) {
                        let known = properties.keys.isEmpty ? "" : " (allowed: \(properties.keys.joined(separator: ", ")))"
                        fail(path, "unknown property \"\(key)\"\(known)")
                    } else {
                        check(member, additional, path: childPath, depth: depth + 1)
                    }
                }
            }
            if let min = s["minProperties"]?.intValue, o.count < min { fail(path, "must have at least \(min) properties") }
            if let max = s["maxProperties"]?.intValue, o.count > max { fail(path, "must have at most \(max) properties") }
        }

        mutating func checkArray(_ a: [JSON], _ s: JSONObject, path: String, depth: Int) {
            if let items = s["items"], items.objectValue != nil || items.boolValue != nil {
                for (i, element) in a.enumerated() { check(element, items, path: "\(path)[\(i)]", depth: depth + 1) }
            }
            if let min = s["minItems"]?.intValue, a.count < min { fail(path, "must have at least \(min) items (got \(a.count))") }
            if let max = s["maxItems"]?.intValue, a.count > max { fail(path, "must have at most \(max) items (got \(a.count))") }
            if s["uniqueItems"] == .bool(true) {
                for i in a.indices where a[..<i].contains(where: { same($0, a[i]) }) {
                    fail("\(path)[\(i)]", "duplicates an earlier item"); break
                }
            }
        }

        mutating func checkString(_ text: String, _ s: JSONObject, path: String) {
            // JSON Schema counts characters as code points.
            let length = text.unicodeScalars.count
            if let min = s["minLength"]?.intValue, length < min { fail(path, "must be at least \(min) characters long (got \(length))") }
            if let max = s["maxLength"]?.intValue, length > max { fail(path, "must be at most \(max) characters long (got \(length))") }
            if case let .string(pattern)? = s["pattern"], let regex = try? Regex(pattern), (try? regex.firstMatch(in: text)) == nil {
                fail(path, "must match the pattern \(pattern)")
            }
        }

        mutating func checkNumber(_ x: Double, _ s: JSONObject, path: String) {
            let got = "(got \(formatted(x)))"
            if let min = s["minimum"]?.doubleValue, x < min { fail(path, "must be at least \(formatted(min)) \(got)") }
            if let max = s["maximum"]?.doubleValue, x > max { fail(path, "must be at most \(formatted(max)) \(got)") }
            if let min = s["exclusiveMinimum"]?.doubleValue, x <= min { fail(path, "must be greater than \(formatted(min)) \(got)") }
            if let max = s["exclusiveMaximum"]?.doubleValue, x >= max { fail(path, "must be less than \(formatted(max)) \(got)") }
            if let m = s["multipleOf"]?.doubleValue, m > 0, (x / m).rounded() != x / m { fail(path, "must be a multiple of \(formatted(m))") }
        }

        mutating func checkCombinators(_ value: JSON, _ s: JSONObject, path: String, depth: Int) {
            if let all = s["allOf"]?.arrayValue {
                for sub in all { check(value, sub, path: path, depth: depth + 1) }
            }
            if let any = s["anyOf"]?.arrayValue, !any.isEmpty {
                let failures = any.map { subIssues(value, $0, path: path, depth: depth) }
                if !failures.contains(where: \.isEmpty) {
                    fail(path, "does not match any allowed form: " + failures.map { $0.first ?? "" }.joined(separator: " | "))
                }
            }
            if let one = s["oneOf"]?.arrayValue, !one.isEmpty {
                let failures = one.map { subIssues(value, $0, path: path, depth: depth) }
                let passing = failures.filter(\.isEmpty).count
                if passing == 0 {
                    fail(path, "does not match any allowed form: " + failures.map { $0.first ?? "" }.joined(separator: " | "))
                } else if passing > 1 {
                    fail(path, "matches more than one exclusive form (\(passing))")
                }
            }
            if let not = s["not"], subIssues(value, not, path: path, depth: depth).isEmpty {
                fail(path, "matches a form that is not allowed")
            }
        }

        func subIssues(_ value: JSON, _ schema: JSON, path: String, depth: Int) -> [String] {
            var sub = Walker(root: root)
            sub.check(value, schema, path: path, depth: depth + 1)
            return sub.issues
        }

        func resolve(_ ref: String) -> JSON? {
            guard ref.hasPrefix("#") else { return nil }
            var node = root
            for part in ref.dropFirst().split(separator: "/") {
                let key = String(part).replacing("~1", with: "/").replacing("~0", with: "~")
                guard let next = node[key] else { return nil }
                node = next
            }
            return node
        }
    }

    static func matches(_ value: JSON, type: JSON) -> Bool {
        switch type {
        case let .string(name): return matches(value, typeName: name)
        case let .array(names): return names.contains { if case let .string(n) = $0 { matches(value, typeName: n) } else { false } }
        default: return true
        }
    }

    static func matches(_ value: JSON, typeName: String) -> Bool {
        switch (typeName, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): return true
        case ("number", .int), ("number", .double), ("integer", .int): return true
        case let ("integer", .double(d)): return d.rounded() == d && d.isFinite
        default: return false
        }
    }

    /// JSON Schema equality: numbers compare by value (1 == 1.0).
    static func same(_ a: JSON, _ b: JSON) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue, a.isNumber, b.isNumber { return x == y }
        return a == b
    }

    static func describe(_ type: JSON) -> String {
        switch type {
        case let .string(name): return article(name)
        case let .array(names): return names.compactMap(\.stringValue).map(article).joined(separator: " or ")
        default: return type.description
        }
    }

    static func article(_ name: String) -> String {
        switch name {
        case "integer", "object", "array": return "an \(name)"
        case "null": return "null"
        default: return "a \(name)"
        }
    }

    static func kind(_ value: JSON) -> String { article(value.kindName) }

    static func short(_ value: JSON) -> String {
        let text = value.description
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    static func formatted(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
