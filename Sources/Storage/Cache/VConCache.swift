import VConModel

/// What a cache lookup saw. A miss may carry a token that allows one fill: the token records what
/// the cache looked like *before* the caller read Postgres, which is what makes the fill safe.
public enum CacheLookup: Sendable {
    case hit(StoredVCon)
    /// `fill == nil`: the cache is down or bypassed; serve from Postgres without filling.
    case miss(fill: CacheFillToken?)
}

/// Taken by a lookup before the Postgres read; a fill is refused when the cache's epoch moved since,
/// or when the read is older than the tombstone lifetime (then a tombstone may already be gone).
public struct CacheFillToken: Sendable {
    let epoch: [UInt8]
    let started: ContinuousClock.Instant
    init(epoch: [UInt8], started: ContinuousClock.Instant) { self.epoch = epoch; self.started = started }
}

public enum SearchCacheLookup: Sendable {
    case hit([UInt8])
    case miss(fill: SearchFillToken?)
}

/// The exact key (generation and epoch seen before the Postgres query) a search result may be stored under.
public struct SearchFillToken: Sendable {
    let key: [UInt8]
    let query: [UInt8]
    init(key: [UInt8], query: [UInt8]) { self.key = key; self.query = query }
}

/// The cache operations `CachedVConStore` needs. Implementations never throw: a broken cache is a
/// miss (and, for writes, a repair it owes before it serves again), never a failed request.
public protocol VConCache: Sendable {
    /// One round trip.
    func lookup(_ uuid: VConID) async -> CacheLookup
    /// Conditional, max-version write: lands only if the cache holds nothing newer for that uuid.
    func fill(_ stored: StoredVCon, token: CacheFillToken) async
    /// After a committed write: a tombstone carrying `version` (nil: unknown, e.g. a delete that
    /// reports no version; then fills are refused for the tombstone lifetime). Bumps the search generation.
    func invalidate(_ uuid: VConID, version: Int64?) async
    /// After a write whose outcome is unknown: every entry becomes stale (a new cache epoch).
    func invalidateAll() async
    /// `query` is a canonical encoding of the search; results are cached per search generation.
    func lookupSearch(_ query: [UInt8]) async -> SearchCacheLookup
    func fillSearch(_ result: [UInt8], token: SearchFillToken) async
    func stats() -> CacheStats
    func status() -> ServiceStatus
    /// Stops the background reconnect and closes the connection.
    func close() async
}
