@testable import VConMCP
import JSONCore

/// A small JSON Schema checker for the keywords our schemas use (type, properties, required,
/// additionalProperties, items, enum, minimum, maximum, minProperties, maxProperties). It returns
/// every violation with its path, like the official client's validator would reject them.
enum SchemaConformance {
    static func violations(of value: JSON, against schema: JSON, at path: String = "$") -> [String] {
        let value = (try? value.resolvingRaw()) ?? value
        guard let s = schema.objectValue else { return ["\(path): schema is not an object"] }
        var out: [String] = []
        if let type = s["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { matches(value, type: $0) }) {
                return ["\(path): \(value.kindName) is not of type \(allowed.joined(separator: "|"))"]
            }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(value) { out.append("\(path): \(value) not in enum") }
        if let min = s["minimum"]?.doubleValue, let n = value.doubleValue, n < min { out.append("\(path): \(n) < minimum \(min)") }
        if let max = s["maximum"]?.doubleValue, let n = value.doubleValue, n > max { out.append("\(path): \(n) > maximum \(max)") }
        if case let .object(o) = value {
            let properties = s["properties"]?.objectValue ?? JSONObject()
            for key in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !o.contains(key) {
                out.append("\(path): missing required \(key)")
            }
            if let min = s["minProperties"]?.intValue, o.count < min { out.append("\(path): fewer than \(min) properties") }
            if let max = s["maxProperties"]?.intValue, o.count > max { out.append("\(path): more than \(max) properties") }
            for (key, member) in o {
                if let sub = properties[key] {
                    out += violations(of: member, against: sub, at: "\(path).\(key)")
                } else if let additional = s["additionalProperties"] {
                    if additional == .bool(false) { out.append("\(path): unexpected property \(key)") }
                    else if additional.objectValue != nil { out += violations(of: member, against: additional, at: "\(path).\(key)") }
                }
            }
        }
        if case let .array(a) = value, let items = s["items"] {
            for (i, element) in a.enumerated() { out += violations(of: element, against: items, at: "\(path)[\(i)]") }
        }
        return out
    }

    private static func matches(_ value: JSON, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("integer", .int), ("number", .int), ("number", .double): return true
        case let ("integer", .double(d)): return d.rounded() == d
        default: return false
        }
    }

    /// Problems that would make a schema unusable as a tool schema: not an object schema, or a
    /// keyword of the wrong kind somewhere inside.
    static func schemaProblems(_ schema: JSON, at path: String = "$") -> [String] {
        guard let s = schema.objectValue else { return ["\(path): not an object"] }
        var out: [String] = []
        if let type = s["type"], type.stringValue == nil, type.arrayValue == nil { out.append("\(path).type: not a string or array") }
        if let props = s["properties"] {
            guard let p = props.objectValue else { return out + ["\(path).properties: not an object"] }
            for (k, v) in p { out += schemaProblems(v, at: "\(path).properties.\(k)") }
        }
        if let required = s["required"] {
            let names = required.arrayValue?.compactMap(\.stringValue) ?? []
            if names.count != required.arrayValue?.count { out.append("\(path).required: not an array of strings") }
            let declared = s["properties"]?.objectValue
            for n in names where declared?[n] == nil { out.append("\(path).required: \(n) is not a declared property") }
        }
        if let items = s["items"] { out += schemaProblems(items, at: "\(path).items") }
        if let additional = s["additionalProperties"], additional.boolValue == nil { out += schemaProblems(additional, at: "\(path).additionalProperties") }
        return out
    }
}
