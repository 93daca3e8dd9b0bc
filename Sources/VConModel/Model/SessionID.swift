import JSONCore

/// RFC 7989 Session-ID pair of a dialog: `{ "local": …, "remote": … }` (either may be absent; `{}` means none).
public struct SessionID: Sendable, Equatable, JSONConvertible {
    public var local: String?
    public var remote: String?
    public var extra: JSONObject

    public init(local: String? = nil, remote: String? = nil, extra: JSONObject = JSONObject()) {
        self.local = local; self.remote = remote; self.extra = extra
    }

    init(json: JSON, path: String) throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        local = try r.string("local")
        remote = try r.string("remote")
        extra = r.extra(known: ["local", "remote"])
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 2 + extra.count)
        w.set("local", local); w.set("remote", remote)
        w.merge(extra)
        return w.json
    }
}

/// Dialog `session_id`: one SessionId for all parties, or one per channel of `parties` (each a SessionId
/// or an array of them). Older drafts wrote a plain string, kept as `legacy`.
public enum DialogSessionID: Sendable, Equatable, JSONConvertible {
    case single(SessionID)
    case perChannel([Channel])
    case legacy(String)

    public enum Channel: Sendable, Equatable {
        case single(SessionID)
        case list([SessionID])
    }

    init(_ v: JSON, path: String) throws(VConDecodingError) {
        switch v {
        case .object: self = .single(try SessionID(json: v, path: path))
        case let .string(s): self = .legacy(s)
        case let .array(items):
            var out: [Channel] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let p = Path.element(path, i)
                if case let .array(inner) = item {
                    var list: [SessionID] = []
                    for (j, e) in inner.enumerated() { list.append(try SessionID(json: e, path: Path.element(p, j))) }
                    out.append(.list(list))
                } else {
                    out.append(.single(try SessionID(json: item, path: p)))
                }
            }
            self = .perChannel(out)
        default:
            throw VConDecodingError(path: path, expected: "SessionId object or array", found: v.kindName)
        }
    }

    public var json: JSON {
        switch self {
        case let .single(s): return s.json
        case let .legacy(s): return .string(s)
        case let .perChannel(channels):
            return .array(channels.map { c in
                switch c {
                case let .single(s): return s.json
                case let .list(l): return .array(l.map(\.json))
                }
            })
        }
    }
}
