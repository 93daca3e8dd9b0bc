/// A JSON value that keeps integers and doubles apart and can carry pre-encoded bytes.
///
/// `raw` holds JSON that is already encoded (a stored vCon, say): the encoder splices it
/// in as it is, so a document that is only passed through is never parsed or re-encoded.
public enum JSON: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
    case raw(RawJSON)
}

extension JSON: Equatable {
    /// Structural equality; object key order does not matter, `int(1) != double(1)`.
    /// A `raw` value equals another value when its bytes parse to an equal value.
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        case let (.raw(a), .raw(b)) where a.bytes == b.bytes: return true
        case let (.raw(a), other), let (other, .raw(a)):
            guard let parsed = try? JSON.parse(a.bytes), let resolved = try? other.resolvingRaw() else { return false }
            return parsed == resolved
        default: return false
        }
    }
}

extension JSON {
    public var isNull: Bool { if case .null = self { return true } else { return false } }
    public var boolValue: Bool? { if case let .bool(v) = self { return v } else { return nil } }
    public var intValue: Int? { if case let .int(v) = self { return v } else { return nil } }
    /// The number as a Double, whether it was written as an integer or not.
    public var doubleValue: Double? {
        switch self {
        case let .double(v): return v
        case let .int(v): return Double(v)
        default: return nil
        }
    }
    public var stringValue: String? { if case let .string(v) = self { return v } else { return nil } }
    public var arrayValue: [JSON]? { if case let .array(v) = self { return v } else { return nil } }
    public var objectValue: JSONObject? { if case let .object(v) = self { return v } else { return nil } }
    public var rawValue: RawJSON? { if case let .raw(v) = self { return v } else { return nil } }
    public var isNumber: Bool {
        switch self { case .int, .double: return true; default: return false }
    }

    /// The member `key` of an object (nil for other kinds or a missing key).
    public subscript(key: String) -> JSON? {
        get { objectValue?[key] }
    }

    /// The element at `index` of an array (nil when out of range or not an array).
    public subscript(index: Int) -> JSON? {
        guard case let .array(a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// The name of the JSON kind, for error messages ("object", "string" …).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        case .raw: return "raw JSON"
        }
    }

    /// Parses `raw` values into ordinary values, recursively; other values are returned as they are.
    public func resolvingRaw() throws(JSONParseError) -> JSON {
        switch self {
        case let .raw(r): return try JSON.parse(r.bytes)
        case let .array(a):
            var out: [JSON] = []
            out.reserveCapacity(a.count)
            for element in a { out.append(try element.resolvingRaw()) }
            return .array(out)
        case let .object(o):
            var out = JSONObject(minimumCapacity: o.count)
            for (k, v) in o { out[k] = try v.resolvingRaw() }
            return .object(out)
        default: return self
        }
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        var o = JSONObject(minimumCapacity: elements.count)
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
}

extension JSON: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { encodedString() }
}
