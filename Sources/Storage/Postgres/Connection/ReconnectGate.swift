import Foundation

/// Shared by a pool's connections: once a (re)connect has failed, requests fail fast until the
/// backoff has passed, and then only one connection probes the server while the others keep failing
/// fast. Without a known outage every connection may connect at once (after a restart, say).
final class ReconnectGate: @unchecked Sendable {
    private let lock = NSLock()
    private var retryAt: ContinuousClock.Instant?
    private var backoff: Duration = .milliseconds(50)
    private var probing = false
    static let maxBackoff: Duration = .seconds(2)

    func mayAttempt(now: ContinuousClock.Instant = .now) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let retryAt else { return true }
        if now < retryAt || probing { return false }
        probing = true
        return true
    }

    func succeeded() {
        lock.lock(); defer { lock.unlock() }
        retryAt = nil; backoff = .milliseconds(50); probing = false
    }

    func failed(now: ContinuousClock.Instant = .now) {
        lock.lock(); defer { lock.unlock() }
        retryAt = now + backoff
        backoff = min(backoff * 2, Self.maxBackoff)
        probing = false
    }

    var inOutage: Bool { lock.lock(); defer { lock.unlock() }; return retryAt != nil }
}
