import Foundation
import Logging
import MCPProtocol
import Storage

extension ServerConfiguration {
    /// Parses the environment (DESIGN.md §6). Tests pass a dictionary; `main` passes the process's.
    /// - Throws: `ConfigurationError` naming the first variable that is set but unusable.
    static func parse(environment env: [String: String]) throws(ConfigurationError) -> ServerConfiguration {
        let databaseURL = nonEmpty(env["VCON_DATABASE_URL"]) ?? nonEmpty(env["DATABASE_URL"])
        let schema = env["VCON_PG_SCHEMA"].map { $0 } ?? "vcon"
        guard isIdentifier(schema) else {
            throw ConfigurationError(variable: "VCON_PG_SCHEMA",
                problem: "must be a PostgreSQL identifier: a lowercase letter or _ then letters, digits or _ (at most 63); default vcon")
        }
        let pool = try positiveInt(env, "VCON_PG_POOL_SIZE", default: 4, max: 64)
        let clusterDirectory: String
        if let xdg = nonEmpty(env["XDG_DATA_HOME"]) {
            clusterDirectory = xdg + "/vcon-mcp/postgres"
        } else if let home = nonEmpty(env["HOME"]) {
            clusterDirectory = home + "/.local/share/vcon-mcp/postgres"
        } else if databaseURL == nil {
            throw ConfigurationError(variable: "DATABASE_URL",
                problem: "is unset and neither XDG_DATA_HOME nor HOME is set for the private cluster: set DATABASE_URL or HOME")
        } else {
            clusterDirectory = "/nonexistent/vcon-mcp/postgres"   // unused: a URL is given
        }

        let redisURL = nonEmpty(env["REDIS_URL"])
        let expiry = try positiveInt(env, "VCON_REDIS_EXPIRY", default: defaultRedisExpiry, max: Int(Int32.max))
        let prefix = env["VCON_REDIS_PREFIX"] ?? "vcon-mcp:"
        guard !prefix.isEmpty, !prefix.contains(where: { $0.isWhitespace }) else {
            throw ConfigurationError(variable: "VCON_REDIS_PREFIX",
                problem: "must be a non-empty key prefix without spaces (default vcon-mcp:), so the server never touches other software's keys")
        }

        let readOnly = try flag(env, "VCON_READ_ONLY")
        let level = try logLevel(env["VCON_LOG_LEVEL"])
        let budget = try positiveInt(env, "VCON_MAX_RESPONSE_BYTES", default: defaultMaxResponseBytes, max: 1 << 30)
        guard budget >= 4096 else {
            throw ConfigurationError(variable: "VCON_MAX_RESPONSE_BYTES", problem: "must be at least 4096 bytes (default 1048576)")
        }

        let storage = StorageConfiguration(
            postgres: .init(url: databaseURL, schema: schema, poolSize: pool, privateClusterDirectory: clusterDirectory),
            // A lone request's lookup runs on the stdin reader itself (see ReaderExecutor).
            redis: .init(url: redisURL, expirySeconds: expiry, prefix: prefix,
                         lookupMayBlockCaller: { MCPServer.currentThreadMayBlock }))
        return ServerConfiguration(storage: storage, readOnly: readOnly, logLevel: level, maxResponseBytes: budget)
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return s
    }

    private static func positiveInt(_ env: [String: String], _ name: String, default value: Int, max: Int) throws(ConfigurationError) -> Int {
        guard let text = env[name] else { return value }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let n = Int(trimmed) else {
            throw ConfigurationError(variable: name, problem: "must be a positive integer, got a non-numeric value (default \(value))")
        }
        guard n > 0 else {
            throw ConfigurationError(variable: name, problem: "must be a positive integer, got \(n) (default \(value))")
        }
        guard n <= max else {
            throw ConfigurationError(variable: name, problem: "must be at most \(max), got \(n)")
        }
        return n
    }

    private static func flag(_ env: [String: String], _ name: String) throws(ConfigurationError) -> Bool {
        guard let text = env[name] else { return false }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": return true
        case "", "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, problem: "must be 1/true/yes/on or 0/false/no/off")
        }
    }

    private static func logLevel(_ text: String?) throws(ConfigurationError) -> Logger.Level {
        guard let text, !text.isEmpty else { return .info }
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if name == "warn" { return .warning }
        guard let level = Logger.Level(rawValue: name) else {
            throw ConfigurationError(variable: "VCON_LOG_LEVEL",
                problem: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }

    private static func isIdentifier(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        for (i, b) in bytes.enumerated() {
            let letter = (b >= 0x61 && b <= 0x7A) || b == 0x5F
            let digit = b >= 0x30 && b <= 0x39
            guard letter || (i > 0 && digit) else { return false }
        }
        return true
    }
}
