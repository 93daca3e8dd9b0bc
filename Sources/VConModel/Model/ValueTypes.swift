import JSONCore

/// A JSON number as written: integers stay integers.
public enum VConNumber: Sendable, Equatable, Hashable, JSONConvertible {
    case int(Int)
    case double(Double)
    public var doubleValue: Double {
        switch self { case let .int(i): return Double(i); case let .double(d): return d }
    }
    public var json: JSON {
        switch self { case let .int(i): return .int(i); case let .double(d): return .double(d) }
    }
}

/// One index or an array of indexes (analysis `dialog`, transfer roles …).
public enum IndexRef: Sendable, Equatable, Hashable, JSONConvertible {
    case one(Int)
    case many([Int])

    init(_ v: JSON, path: String) throws(VConDecodingError) {
        switch v {
        case let .int(i): self = .one(i)
        case let .array(items):
            var out: [Int] = []
            for (i, item) in items.enumerated() {
                guard case let .int(n) = item else {
                    throw VConDecodingError(path: Path.element(path, i), expected: "integer index", found: item.kindName)
                }
                out.append(n)
            }
            self = .many(out)
        default: throw VConDecodingError(path: path, expected: "index or array of indexes", found: v.kindName)
        }
    }

    public var indexes: [Int] {
        switch self { case let .one(i): return [i]; case let .many(a): return a }
    }
    public var json: JSON {
        switch self { case let .one(i): return .int(i); case let .many(a): return .array(a.map(JSON.int)) }
    }
}

/// Dialog `parties`: one index, or per channel an index, an index array or null.
public enum DialogParties: Sendable, Equatable, Hashable, JSONConvertible {
    case single(Int)
    case channels([Channel])

    public enum Channel: Sendable, Equatable, Hashable {
        case party(Int)
        case parties([Int])
        case unknown
    }

    init(_ v: JSON, path: String) throws(VConDecodingError) {
        switch v {
        case let .int(i): self = .single(i)
        case let .array(items):
            var out: [Channel] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                switch item {
                case let .int(n): out.append(.party(n))
                case .null: out.append(.unknown)
                case .array:
                    guard case let .many(list) = try IndexRef(item, path: Path.element(path, i)) else { continue }
                    out.append(.parties(list))
                default:
                    throw VConDecodingError(path: Path.element(path, i), expected: "index, index array or null", found: item.kindName)
                }
            }
            self = .channels(out)
        default: throw VConDecodingError(path: path, expected: "index or array", found: v.kindName)
        }
    }

    /// Every party index mentioned, in order.
    public var indexes: [Int] {
        switch self {
        case let .single(i): return [i]
        case let .channels(c):
            return c.flatMap { ch -> [Int] in
                switch ch { case let .party(i): return [i]; case let .parties(a): return a; case .unknown: return [] }
            }
        }
    }

    public var json: JSON {
        switch self {
        case let .single(i): return .int(i)
        case let .channels(c):
            return .array(c.map { ch in
                switch ch {
                case let .party(i): return .int(i)
                case let .parties(a): return .array(a.map(JSON.int))
                case .unknown: return .null
                }
            })
        }
    }
}

/// `content_hash`: one token or several.
public enum ContentHash: Sendable, Equatable, Hashable, JSONConvertible {
    case single(String)
    case list([String])

    init(_ v: JSON, path: String) throws(VConDecodingError) {
        switch v {
        case let .string(s): self = .single(s)
        case let .array(items):
            var out: [String] = []
            for (i, item) in items.enumerated() {
                guard case let .string(s) = item else {
                    throw VConDecodingError(path: Path.element(path, i), expected: "string", found: item.kindName)
                }
                out.append(s)
            }
            self = .list(out)
        default: throw VConDecodingError(path: path, expected: "string or array of strings", found: v.kindName)
        }
    }

    public var tokens: [String] {
        switch self { case let .single(s): return [s]; case let .list(a): return a }
    }
    public var json: JSON {
        switch self { case let .single(s): return .string(s); case let .list(a): return .array(a.map(JSON.string)) }
    }
}

/// `encoding` of inline content. Open: an unknown token survives decoding (the validator reports it).
public struct ContentEncoding: RawRepresentable, Sendable, Equatable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let base64url = ContentEncoding(rawValue: "base64url")
    public static let json = ContentEncoding(rawValue: "json")
    /// `"none"`: the body is the text itself. Not named `none`, which would read as `Optional.none`.
    public static let unencoded = ContentEncoding(rawValue: "none")
}

/// Dialog `type`. Open for the same reason as `ContentEncoding`.
public struct DialogType: RawRepresentable, Sendable, Equatable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let recording = DialogType(rawValue: "recording")
    public static let text = DialogType(rawValue: "text")
    public static let transfer = DialogType(rawValue: "transfer")
    public static let incomplete = DialogType(rawValue: "incomplete")
    public static let recordingSet = DialogType(rawValue: "recording-set")
}
