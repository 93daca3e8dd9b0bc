import Foundation
import JSONCore
import Logging
import Storage
import Synchronization
import VConModel

/// The store while it opens in the background: the server answers `initialize` (and everything
/// that needs no store) at once instead of after the Postgres and Redis handshakes (~30–80 ms
/// here); a store call made before the store is open waits for it. After that, one lock read.
final class OpeningStore: ForwardingVConStore {
    private let opening: Task<any ServedVConStore, Never>
    private let opened = Mutex<(any ServedVConStore)?>(nil)

    init(_ open: @escaping @Sendable () async -> any ServedVConStore) {
        opening = Task { await open() }
    }

    /// The real store (waits for the opening on the first calls only).
    func current() async -> any ServedVConStore {
        if let store = opened.withLock({ $0 }) { return store }
        let store = await opening.value
        opened.withLock { $0 = store }
        return store
    }

    func status() async -> ServiceStatus { await current().status() }
    func cacheStats() async -> CacheStats { await current().cacheStats() }
    func postgresStatus() async -> ServiceStatus { await current().postgresStatus() }
    func redisStatus() async -> ServiceStatus { await current().redisStatus() }
}
