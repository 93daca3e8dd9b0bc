import Logging
import Storage

/// Everything the executable reads from its environment, parsed once in `main` and passed down.
struct ServerConfiguration: Sendable {
    var storage: StorageConfiguration
    /// `VCON_READ_ONLY`: write tools are neither listed nor callable.
    var readOnly: Bool
    var logLevel: Logger.Level
    /// `VCON_MAX_RESPONSE_BYTES`: a tool result larger than this is refused with advice.
    var maxResponseBytes: Int

    static let defaultMaxResponseBytes = 1 << 20
    static let defaultRedisExpiry = 3600

    init(storage: StorageConfiguration, readOnly: Bool = false, logLevel: Logger.Level = .info,
         maxResponseBytes: Int = ServerConfiguration.defaultMaxResponseBytes) {
        self.storage = storage; self.readOnly = readOnly; self.logLevel = logLevel; self.maxResponseBytes = maxResponseBytes
    }

    /// Lines describing the configuration for the start-up log, secrets masked.
    var logSummary: [String] {
        let pg = storage.postgres, redis = storage.redis
        return [
            "postgres: \(pg.url.map(SecretMasking.maskURL) ?? "private cluster in \(pg.privateClusterDirectory)")"
                + " schema=\(pg.schema) pool=\(pg.poolSize)",
            "redis: \(redis.url.map(SecretMasking.maskURL) ?? "disabled (REDIS_URL unset)")"
                + (redis.url == nil ? "" : " ttl=\(redis.expirySeconds)s prefix=\(redis.prefix)"),
            "read_only=\(readOnly) max_response_bytes=\(maxResponseBytes) log_level=\(logLevel)",
        ]
    }
}
