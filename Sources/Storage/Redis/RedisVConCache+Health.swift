import Logging

// The circuit breaker, the background reconnect and the repair of unconfirmed invalidations.
extension RedisVConCache {
    /// Reads and fills go to Redis only while it is up and every debt is paid.
    var isUp: Bool { state.withLock { $0.up } }

    /// A write may invalidate through Redis only while it is up; otherwise its invalidation is a debt,
    /// paid by a new epoch before the cache serves again.
    func admitWrite() -> Bool {
        state.withLock { s in
            if s.up { return true }
            if !s.closed { s.debt += 1 }
            return false
        }
    }

    /// Counts the failure and opens the breaker. A read's failure opens it only when the connection
    /// is lost (a stale report from an older connection is ignored); a write's failure always does,
    /// and always leaves a debt. One warning per outage.
    func recordFailure(_ error: RedisFailure, write: Bool) {
        let (warn, spawn) = state.withLock { s -> (Bool, Bool) in
            s.errors += 1
            if write { s.debt += 1 }
            let opens = write || (s.up && error.isConnectionLost && error.connection == s.connectionID)
            guard opens, !s.closed else { return (false, false) }
            s.up = false
            s.lastError = error.description
            var warn = false
            if s.outageStarted == nil {
                s.outageStarted = .now
                warn = true
            }
            let spawn = !s.reconnecting
            s.reconnecting = true
            return (warn, spawn)
        }
        if warn {
            logger.warning("redis cache unavailable; serving from postgres until it is back",
                           metadata: ["redis": "\(url)", "error": "\(error)"])
        } else {
            logger.debug("redis cache error", metadata: ["error": "\(error)"])
        }
        if spawn { spawnReconnect() }
    }

    /// The first connect, inline so the first requests can use the cache.
    func start() async {
        state.withLock { $0.reconnecting = true }
        do {
            try await connectAndRepair()
        } catch {
            state.withLock { s in
                s.lastError = error.description
                s.outageStarted = .now
            }
            logger.warning("redis cache unavailable at start; serving from postgres until it is reachable",
                           metadata: ["redis": "\(url)", "error": "\(error)"])
            spawnReconnect()
        }
    }

    /// Exponential backoff with jitter, forever (until `close`).
    func spawnReconnect() {
        let task = Task { [weak self] in
            var delay = 0.05
            while !Task.isCancelled {
                guard let cache = self else { return }
                do {
                    try await cache.connectAndRepair()
                    return
                } catch let error as RedisFailure {
                    cache.state.withLock { $0.lastError = error.description }
                    cache.logger.debug("redis reconnect failed", metadata: ["error": "\(error)"])
                } catch {}
                let pause = delay * Double.random(in: 0.5...1.0)
                delay = min(delay * 2, 5)
                try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
            }
        }
        state.withLock { s in
            if s.closed { task.cancel() } else { s.reconnectTask = task }
        }
    }

    /// Connects, loads the scripts, pays the debts (a new epoch), then closes the breaker, all
    /// under one check: a debt that arrives meanwhile is paid before the cache serves again.
    func connectAndRepair() async throws(RedisFailure) {
        let id = try await connection.connect()
        try await connection.loadScripts()
        var bumped = false
        while true {
            let (debt, repaired, closed) = state.withLock { ($0.debt, $0.repaired, $0.closed) }
            if closed { await connection.close(); return }
            // Every (re)connect starts a new epoch, not only one with debts: a Redis that restarted
            // from a snapshot, or a promoted replica, may hold entries older than tombstones we wrote.
            if !bumped || debt > repaired {
                try await bumpEpoch()
                bumped = true
                state.withLock { s in s.repaired = max(s.repaired, debt) }
            }
            let back = state.withLock { s -> ContinuousClock.Instant?? in
                guard !s.closed, s.debt == s.repaired else { return nil }
                s.up = true
                s.reconnecting = false
                s.connectionID = id
                s.lastError = nil
                if s.everConnected { s.reconnects += 1 }
                s.everConnected = true
                let outage = s.outageStarted
                s.outageStarted = nil
                return .some(outage)
            }
            guard let back else { continue }
            if let outage = back {
                let millis = outage.duration(to: .now).components.seconds * 1000
                    + outage.duration(to: .now).components.attoseconds / 1_000_000_000_000_000
                logger.info("redis cache is back", metadata: ["redis": "\(url)", "outage_ms": "\(millis)"])
            } else {
                logger.info("redis cache connected", metadata: ["redis": "\(url)", "ttl": "\(ttlSeconds)"])
            }
            return
        }
    }

    /// A new epoch: every entry filled before it is a miss from now on, in every process.
    func bumpEpoch() async throws(RedisFailure) {
        _ = try await connection.command([Array("SET".utf8), epochKey, Self.newEpochToken()], operation: "epoch.bump")
    }

    /// Creates the epoch key when it vanished under a live connection (FLUSHALL, eviction).
    func ensureEpoch() async throws(RedisFailure) {
        _ = try await connection.command([Array("SET".utf8), epochKey, Self.newEpochToken(), Array("NX".utf8)], operation: "epoch.ensure")
    }

    static func newEpochToken() -> [UInt8] {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return Array((String(repeating: "0", count: 16 - hex.count) + hex).utf8)
    }
}
