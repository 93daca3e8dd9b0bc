/// Storage settings, read once from the environment by the executable and passed down.
public struct StorageConfiguration: Sendable {
    public struct Postgres: Sendable {
        /// libpq URI or conninfo; nil means the private zero-config cluster.
        public var url: String?
        public var schema: String
        public var poolSize: Int
        public var connectTimeoutSeconds: Int
        public var statementTimeoutMillis: Int
        /// Where the private cluster lives when `url` is nil ($XDG_DATA_HOME/vcon-mcp/postgres).
        public var privateClusterDirectory: String
        public init(url: String?, schema: String = "vcon", poolSize: Int = 4, connectTimeoutSeconds: Int = 5,
                    statementTimeoutMillis: Int = 30_000, privateClusterDirectory: String) {
            self.url = url; self.schema = schema; self.poolSize = poolSize
            self.connectTimeoutSeconds = connectTimeoutSeconds; self.statementTimeoutMillis = statementTimeoutMillis
            self.privateClusterDirectory = privateClusterDirectory
        }
    }
    public struct Redis: Sendable {
        /// `redis://[user:password@]host[:port][/db]` or `unix:///path`; nil means no cache.
        public var url: String?
        public var expirySeconds: Int
        public var prefix: String
        public var connectTimeoutMillis: Int
        public var commandTimeoutMillis: Int
        /// Asked on the calling thread before a cache lookup: true when that thread may block for one
        /// Redis round trip (bounded by the command timeout) instead of handing the lookup to the
        /// connection's thread. Never true on a thread of Swift's cooperative pool. The server answers
        /// true on its stdin reader while that runs a lone request; the default is never.
        public var lookupMayBlockCaller: @Sendable () -> Bool
        public init(url: String?, expirySeconds: Int = 3600, prefix: String = "vcon-mcp:",
                    connectTimeoutMillis: Int = 250, commandTimeoutMillis: Int = 250,
                    lookupMayBlockCaller: @escaping @Sendable () -> Bool = { false }) {
            self.url = url; self.expirySeconds = expirySeconds; self.prefix = prefix
            self.connectTimeoutMillis = connectTimeoutMillis; self.commandTimeoutMillis = commandTimeoutMillis
            self.lookupMayBlockCaller = lookupMayBlockCaller
        }
    }
    public var postgres: Postgres
    public var redis: Redis
    public init(postgres: Postgres, redis: Redis) { self.postgres = postgres; self.redis = redis }
}
