import JSONCore

/// Why a JSON value could not become a typed vCon value. The description names the path and the
/// kinds involved, never the content.
public struct VConDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let expected: String
    public let found: String
    public init(path: String, expected: String, found: String) { self.path = path; self.expected = expected; self.found = found }
    public var description: String { "at \(path): expected \(expected), found \(found)" }
}

/// Reads the members of one JSON object by hand (no Codable on the hot path), keeping the path for errors.
struct ObjectReader {
    let object: JSONObject
    let path: String

    init(_ value: JSON, path: String) throws(VConDecodingError) {
        guard case let .object(o) = resolved(value) else { throw VConDecodingError(path: path, expected: "object", found: value.kindName) }
        object = o
        self.path = path
    }

    func at(_ key: String) -> String { Path.member(path, key) }

    func fail(_ key: String, _ expected: String, _ v: JSON) -> VConDecodingError {
        VConDecodingError(path: at(key), expected: expected, found: v.kindName)
    }

    func string(_ key: String) throws(VConDecodingError) -> String? {
        guard let v = object[key] else { return nil }
        guard case let .string(s) = v else { throw fail(key, "string", v) }
        return s
    }

    func int(_ key: String) throws(VConDecodingError) -> Int? {
        guard let v = object[key] else { return nil }
        guard case let .int(i) = v else { throw fail(key, "integer", v) }
        return i
    }

    func number(_ key: String) throws(VConDecodingError) -> VConNumber? {
        guard let v = object[key] else { return nil }
        switch v {
        case let .int(i): return .int(i)
        case let .double(d): return .double(d)
        default: throw fail(key, "number", v)
        }
    }

    func strings(_ key: String) throws(VConDecodingError) -> [String]? {
        guard let v = object[key] else { return nil }
        guard case let .array(items) = v else { throw fail(key, "array of strings", v) }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case let .string(s) = item else {
                throw VConDecodingError(path: Path.element(at(key), i), expected: "string", found: item.kindName)
            }
            out.append(s)
        }
        return out
    }

    func indexRef(_ key: String) throws(VConDecodingError) -> IndexRef? {
        guard let v = object[key] else { return nil }
        return try IndexRef(v, path: at(key))
    }

    func array<T>(_ key: String, _ element: (JSON, String) throws(VConDecodingError) -> T) throws(VConDecodingError) -> [T]? {
        guard let v = object[key] else { return nil }
        guard case let .array(items) = resolved(v) else { throw fail(key, "array", v) }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append(try element(item, Path.element(at(key), i))) }
        return out
    }

    func objectMember(_ key: String) throws(VConDecodingError) -> JSONObject? {
        guard let v = object[key] else { return nil }
        guard case let .object(o) = v else { throw fail(key, "object", v) }
        return o
    }

    /// Members outside `known`, kept as they are.
    func extra(known: Set<String>) -> JSONObject {
        var out = JSONObject()
        for (k, v) in object where !known.contains(k) { out[k] = v }
        return out
    }
}

/// A pre-encoded fragment parsed into a value (typed positions need the structure); other values as they are.
func resolved(_ v: JSON) -> JSON {
    guard case let .raw(r) = v, let parsed = try? r.parsed() else { return v }
    return parsed
}

/// Builds a JSON object member by member, skipping absent values.
struct ObjectWriter {
    var object: JSONObject

    init(capacity: Int) { object = JSONObject(minimumCapacity: capacity) }

    mutating func set(_ key: String, _ value: String?) { if let value { object[key] = .string(value) } }
    mutating func set(_ key: String, _ value: Int?) { if let value { object[key] = .int(value) } }
    mutating func set(_ key: String, _ value: JSON?) { if let value { object[key] = value } }
    mutating func set(_ key: String, _ value: [String]?) { if let value { object[key] = .array(value.map(JSON.string)) } }
    mutating func set<T: JSONConvertible>(_ key: String, _ value: T?) { if let value { object[key] = value.json } }
    mutating func set<T: JSONConvertible>(_ key: String, _ value: [T]?) { if let value { object[key] = .array(value.map(\.json)) } }

    /// Unknown members go last; a known key never appears in `extra`, so nothing is overwritten.
    mutating func merge(_ extra: JSONObject) { for (k, v) in extra { object[k] = v } }

    var json: JSON { .object(object) }
}

/// A typed vCon value that encodes to JSON.
public protocol JSONConvertible {
    var json: JSON { get }
}
