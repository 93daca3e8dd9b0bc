/// Cache counters since start, for `get_cache_stats`.
public struct CacheStats: Sendable, Equatable {
    public var enabled: Bool
    public var connected: Bool
    public var hits: Int
    public var misses: Int
    public var fills: Int
    public var refusedFills: Int
    public var invalidations: Int
    public var errors: Int
    public var reconnects: Int
    public var ttlSeconds: Int
    public var prefix: String
    /// Latency of cache round trips, microseconds (p50 / p99 over a recent window).
    public var latencyP50Micros: Double
    public var latencyP99Micros: Double
    public var hitRatio: Double { hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses) }

    public init(enabled: Bool, connected: Bool, hits: Int = 0, misses: Int = 0, fills: Int = 0, refusedFills: Int = 0,
                invalidations: Int = 0, errors: Int = 0, reconnects: Int = 0, ttlSeconds: Int, prefix: String,
                latencyP50Micros: Double = 0, latencyP99Micros: Double = 0) {
        self.enabled = enabled; self.connected = connected; self.hits = hits; self.misses = misses; self.fills = fills
        self.refusedFills = refusedFills; self.invalidations = invalidations; self.errors = errors
        self.reconnects = reconnects; self.ttlSeconds = ttlSeconds; self.prefix = prefix
        self.latencyP50Micros = latencyP50Micros; self.latencyP99Micros = latencyP99Micros
    }
}
