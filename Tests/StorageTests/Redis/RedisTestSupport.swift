import Foundation
import JSONCore
import Logging
import Synchronization
import TestSupport
import Testing
import VConModel
@testable import Storage

/// Every test that touches Redis lives under this suite: one of them stops the shared Redis, so they
/// must not run at the same time as each other.
@Suite(.serialized) struct RedisIntegration {}

enum RedisTestEnv {
    static let environment = ProcessInfo.processInfo.environment
    static var redisURL: String? { environment["REDIS_URL"] }
    static var databaseURL: String? { environment["DATABASE_URL"] }
    static var servicesScript: String? { environment["VCON_SERVICES_SCRIPT"] }
    static var isCI: Bool { environment["CI"] != nil }
    /// Runs when the services are configured, and always under CI (where their absence must fail).
    static var available: Bool { isCI || (redisURL != nil && databaseURL != nil) }

    static func requireRedisURL() throws -> String {
        try #require(redisURL, "REDIS_URL is not set: run scripts/services.sh start and eval its env")
    }
    static func requireDatabaseURL() throws -> String {
        try #require(databaseURL, "DATABASE_URL is not set: run scripts/services.sh start and eval its env")
    }

    static func uniquePrefix(_ name: String) -> String {
        "vcon-mcp-test:\(name):\(UInt32.random(in: .min ... .max)):"
    }

    static func redisConfiguration(prefix: String, url: String? = nil, expiry: Int = 3600,
                                   commandTimeoutMillis: Int = 250) throws -> StorageConfiguration.Redis {
        StorageConfiguration.Redis(url: try url ?? requireRedisURL(), expirySeconds: expiry, prefix: prefix,
                                   connectTimeoutMillis: TestTiming.scaled(250),
                                   commandTimeoutMillis: TestTiming.scaled(commandTimeoutMillis))
    }

    static func postgresConfiguration(schema: String) throws -> StorageConfiguration.Postgres {
        StorageConfiguration.Postgres(url: try requireDatabaseURL(), schema: schema, poolSize: 2,
                                      connectTimeoutSeconds: TestTiming.scaled(5), statementTimeoutMillis: 10_000,
                                      privateClusterDirectory: "/nonexistent")
    }

    static func uniqueSchema(_ name: String) -> String { "rt_\(name)_\(UInt32.random(in: .min ... .max))" }

    static let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A raw connection to inspect keys behind the cache's back.
    static func rawConnection(url: String? = nil) async throws -> RedisConnection {
        let connection = RedisConnection(url: try RedisURL(parsing: try url ?? requireRedisURL()),
                                         connectTimeoutMillis: TestTiming.scaled(1000), commandTimeoutMillis: TestTiming.scaled(1000),
                                         name: "test-raw")
        try await connection.connect()
        return connection
    }

    /// A small valid vCon, ingested.
    static func makeVCon(subject: String = "cache test", padding: Int = 0) -> IngestResult {
        var fields: JSONObject = [:]
        fields["subject"] = .string(subject)
        fields["parties"] = .array([.object(["name": "Alice", "tel": "+15550100"])])
        if padding > 0 { fields["meta"] = .object(["padding": .string(String(repeating: "x", count: padding))]) }
        let ingest = VConIngest.ingest(VConBuilder.build(fields: fields), mode: .strict)
        return ingest
    }

    /// Polls `condition` until it holds or the deadline passes (for waiting on background work;
    /// `timeout` is stretched by VCON_TEST_SLOW).
    static func eventually(timeout: Duration = .seconds(15), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + TestTiming.scaled(timeout)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    /// Runs `services.sh <command>` and waits for it.
    static func runServices(_ command: String) throws {
        let script = try #require(servicesScript, "VCON_SERVICES_SCRIPT is not set")
        let pid = try #require(ChildProcess.spawn([script, command]), "cannot run services.sh")
        #expect(ChildProcess.wait(pid) == 0, "services.sh \(command) failed")
    }
}

/// posix_spawn with a clean signal state. Not Foundation's Process: its waitUntilExit hung here once
/// the script left a daemon behind. And the signal mask must be reset: a child spawned from a pool
/// thread inherits its blocked signals (a redis-server that ignores SIGTERM), and SIG_IGN for SIGPIPE.
enum ChildProcess {
    static func spawn(_ arguments: [String]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        return posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ) == 0 ? pid : nil
    }

    /// The exit status (or -1 when killed by a signal).
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }
}

/// Counts log records by level, to check "one warning per outage".
final class CountingLogHandler: LogHandler, @unchecked Sendable {
    static let counts = Mutex<[String: [Logger.Level: Int]]>([:])
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    init(label: String) { self.label = label }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] } set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        Self.counts.withLock { $0[label, default: [:]][event.level, default: 0] += 1 }
    }
    static func logger(_ label: String) -> Logger { Logger(label: label, factory: { CountingLogHandler(label: $0) }) }
    static func count(_ label: String, _ level: Logger.Level) -> Int { counts.withLock { $0[label]?[level] ?? 0 } }
}

/// A one-shot latch tasks can wait on (no sleeps as synchronisation).
actor Latch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
    func open() {
        isOpen = true
        for w in waiters { w.resume() }
        waiters.removeAll()
    }
}

/// A store that wraps another and can hold its next `get` after the read, before returning, so a
/// test can run a write between a cache miss's read and its fill.
final class HookedStore: VConStore, VersionedDeleting {
    let base: PostgresVConStore
    let hold = Mutex<(read: Latch, release: Latch)?>(nil)
    init(base: PostgresVConStore) { self.base = base }

    func holdNextGet() -> (read: Latch, release: Latch) {
        let latches = (read: Latch(), release: Latch())
        hold.withLock { $0 = latches }
        return latches
    }

    func get(_ uuid: VConID) async throws -> StoredVCon? {
        let latches = hold.withLock { h -> (read: Latch, release: Latch)? in defer { h = nil }; return h }
        let stored = try await base.get(uuid)
        if let latches {
            await latches.read.open()
            await latches.release.wait()
        }
        return stored
    }

    func create(_ vcon: IngestResult, replace: Bool) async throws -> WriteResult { try await base.create(vcon, replace: replace) }
    /// When set, updates commit and then report a lost connection (an outcome the caller cannot know).
    let failAfterCommit = Mutex(false)
    func update(_ uuid: VConID, mergePatch: JSON) async throws -> WriteResult {
        let result = try await base.update(uuid, mergePatch: mergePatch)
        if failAfterCommit.withLock({ $0 }) {
            throw StorageError(.unavailable, operation: "vcon.update", message: "connection lost during commit (test)")
        }
        return result
    }
    func delete(_ uuid: VConID) async throws -> Bool { try await base.delete(uuid) }
    func deleteReturningVersion(_ uuid: VConID) async throws -> Int64? { try await base.deleteReturningVersion(uuid) }
    func append(_ uuid: VConID, to section: VConSection, element: JSON) async throws -> AppendResult {
        try await base.append(uuid, to: section, element: element)
    }
    func setTag(_ uuid: VConID, key: String, value: String) async throws -> WriteResult { try await base.setTag(uuid, key: key, value: value) }
    func removeTag(_ uuid: VConID, key: String) async throws -> WriteResult { try await base.removeTag(uuid, key: key) }
    func removeAllTags(_ uuid: VConID) async throws -> WriteResult { try await base.removeAllTags(uuid) }
    func tags(of uuid: VConID) async throws -> [VConTag]? { try await base.tags(of: uuid) }
    func uniqueTags(keyPrefix: String?) async throws -> [TagCount] { try await base.uniqueTags(keyPrefix: keyPrefix) }
    func search(_ query: VConSearchQuery) async throws -> VConSearchPage { try await base.search(query) }
    func searchContent(_ query: ContentSearchQuery) async throws -> ContentSearchPage { try await base.searchContent(query) }
    func uuids(withPrefix prefix: String, limit: Int) async throws -> [VConID] { try await base.uuids(withPrefix: prefix, limit: limit) }
    func status() async -> ServiceStatus { await base.status() }
}
