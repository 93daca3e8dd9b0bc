/// A parsed `REDIS_URL`: `redis://[user:password@]host[:port][/db]` or `unix:///path[?db=N&password=…]`.
/// The user may be empty (`redis://:pw@host`), which means AUTH with the password alone.
struct RedisURL: Sendable, Equatable, CustomStringConvertible {
    enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    var endpoint: Endpoint
    var user: String?
    var password: String?
    var database: Int

    /// Throws `StorageError(.configuration)`; the message never repeats the password.
    init(parsing text: String) throws(StorageError) {
        func bad(_ why: String) -> StorageError {
            StorageError(.configuration, operation: "redis.url", message: "REDIS_URL \(why)")
        }
        if text.hasPrefix("unix://") {
            let rest = String(text.dropFirst("unix://".count))
            let (pathPart, query) = Self.split(rest, at: "?")
            // unix://[:password@]/path is accepted too.
            var path = pathPart
            var user: String?, password: String?
            if let at = pathPart.firstIndex(of: "@") {
                let credentials = String(pathPart[..<at])
                path = String(pathPart[pathPart.index(after: at)...])
                (user, password) = try Self.credentials(credentials, bad: bad)
            }
            guard path.hasPrefix("/"), path.count > 1 else { throw bad("unix socket path must be absolute") }
            var database = 0
            for pair in (query ?? "").split(separator: "&") {
                let (key, value) = Self.split(String(pair), at: "=")
                let decoded = try Self.percentDecoded(value ?? "", bad: bad)
                switch key {
                case "db": guard let n = Int(decoded), n >= 0 else { throw bad("has a bad db number") }; database = n
                case "password": password = decoded
                case "user", "username": user = decoded
                default: throw bad("has an unknown parameter")
                }
            }
            self.init(endpoint: .unix(path: try Self.percentDecoded(path, bad: bad)), user: user, password: password, database: database)
            return
        }
        if text.hasPrefix("rediss://") { throw bad("uses TLS (rediss://), which this build's hiredis cannot do") }
        guard text.hasPrefix("redis://") else { throw bad("must start with redis:// or unix://") }
        var rest = String(text.dropFirst("redis://".count))
        var user: String?, password: String?
        if let at = rest.lastIndex(of: "@") {
            (user, password) = try Self.credentials(String(rest[..<at]), bad: bad)
            rest = String(rest[rest.index(after: at)...])
        }
        let (hostPort, pathPart) = Self.split(rest, at: "/")
        var database = 0
        if let dbText = pathPart.map({ Self.split($0, at: "?").0 }), !dbText.isEmpty {
            guard let n = Int(dbText), n >= 0 else { throw bad("has a bad db number") }
            database = n
        }
        var host = hostPort
        var port = 6379
        if hostPort.hasPrefix("[") {  // [ipv6]:port
            guard let close = hostPort.firstIndex(of: "]") else { throw bad("has a bad IPv6 host") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else { throw bad("has a bad port") }
                port = p
            } else if !after.isEmpty { throw bad("has a bad host") }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else { throw bad("has a bad port") }
            port = p
        }
        guard !host.isEmpty else { throw bad("has no host") }
        self.init(endpoint: .tcp(host: host, port: port), user: user, password: password, database: database)
    }

    init(endpoint: Endpoint, user: String?, password: String?, database: Int) {
        self.endpoint = endpoint; self.user = user; self.password = password; self.database = database
    }

    /// The URL with the password masked, for logs and status.
    var description: String {
        let auth: String
        switch (user, password) {
        case let (u?, _?): auth = "\(u):***@"
        case (nil, _?): auth = ":***@"
        case let (u?, nil): auth = "\(u)@"
        case (nil, nil): auth = ""
        }
        switch endpoint {
        case let .tcp(host, port):
            let h = host.contains(":") ? "[\(host)]" : host
            return "redis://\(auth)\(h):\(port)/\(database)"
        case let .unix(path):
            return "unix://\(auth)\(path)" + (database == 0 ? "" : "?db=\(database)")
        }
    }

    private static func credentials(_ text: String, bad: (String) -> StorageError) throws(StorageError) -> (String?, String?) {
        let (u, p) = split(text, at: ":")
        let user = try percentDecoded(u, bad: bad)
        let password = try p.map { (s: String) throws(StorageError) -> String in try percentDecoded(s, bad: bad) }
        return (user.isEmpty ? nil : user, password)
    }

    private static func split(_ text: String, at separator: Character) -> (String, String?) {
        guard let i = text.firstIndex(of: separator) else { return (text, nil) }
        return (String(text[..<i]), String(text[text.index(after: i)...]))
    }

    private static func percentDecoded(_ text: String, bad: (String) -> StorageError) throws(StorageError) -> String {
        guard text.contains("%") else { return text }
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "%") {
                guard bytes.count >= 2, let hi = hex(bytes.popFirst()!), let lo = hex(bytes.popFirst()!) else {
                    throw bad("has a bad percent escape")
                }
                out.append(hi << 4 | lo)
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
