// Storage benchmark: in-process `get` latency (p50/p99) through CachedVConStore for a cache hit and
// a cache miss, 4 KB and 64 KB documents, beside the raw floors measured in the same run: a hiredis
// GET and SET, and a libpq prepared primary-key SELECT of the same bytes, each both synchronously on
// this thread and through a hop to a dedicated thread (what any async caller pays).
//   swift build -c release --product StorageBenchmark
//   eval "$(scripts/services.sh env)"; taskset -c 0 .build/release/StorageBenchmark
import Foundation
import JSONCore
import Logging
import Storage
import VConModel

let environment = ProcessInfo.processInfo.environment
guard let databaseURL = environment["DATABASE_URL"], let redisURLText = environment["REDIS_URL"],
      let redisURL = URLComponents(string: redisURLText), let redisHost = redisURL.host else {
    FileHandle.standardError.write(Data("set DATABASE_URL and REDIS_URL: eval \"$(scripts/services.sh env)\"\n".utf8))
    exit(2)
}
let iterations = Int(environment["BENCH_ITERATIONS"] ?? "") ?? 3000
let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
let schema = "vcon_bench"
let prefix = "vcon-mcp-bench:"

let postgres = try await PostgresVConStore.open(
    configuration: .init(url: databaseURL, schema: schema, poolSize: 2, privateClusterDirectory: "/nonexistent"), logger: logger)
let cache = try await RedisVConCache.open(.init(url: redisURLText, expirySeconds: 3600, prefix: prefix), logger: logger)
let store = CachedVConStore(store: postgres, cache: cache, logger: logger)   // fills in the background (the server's way)
let awaitingStore = CachedVConStore(store: postgres, cache: cache, backgroundFillLimit: 0, logger: logger)
let redisPassword = redisURL.password?.removingPercentEncoding
let redisUser = redisURL.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
let rawRedis = try RawRedis(host: redisHost, port: redisURL.port ?? 6379, user: redisUser, password: redisPassword)
let rawRedisActor = try RawRedisActor { try RawRedis(host: redisHost, port: redisURL.port ?? 6379, user: redisUser, password: redisPassword) }
let rawPostgres = try RawPostgres(conninfo: databaseURL, schema: schema)
let rawPostgresActor = try RawPostgresActor { try RawPostgres(conninfo: databaseURL, schema: schema) }

/// A valid vCon of about `size` bytes (padding in `meta`).
func makeDocument(size: Int) async throws -> StoredVCon {
    func ingest(_ padding: Int) -> IngestResult {
        var fields: JSONObject = [:]
        fields["subject"] = "benchmark"
        fields["parties"] = .array([.object(["name": "Alice", "tel": "+15550100"])])
        fields["meta"] = .object(["padding": .string(String(repeating: "x", count: padding))])
        return VConIngest.ingest(VConBuilder.build(fields: fields), mode: .strict)
    }
    let base = ingest(0).bytes.count
    let result = try await postgres.create(ingest(max(0, size - base)), replace: false)
    guard let stored = try await postgres.get(result.uuid) else { throw BenchError("created vCon not found") }
    return stored
}

/// One timed operation: it may do untimed set-up and clean-up, and returns what it timed.
typealias Operation = () async throws -> Duration

/// Runs the operations round-robin, so load changes on this shared machine hit every line alike.
func measureInterleaved(_ n: Int, _ operations: [Operation]) async throws -> [Samples] {
    var samples = [Samples](repeating: Samples(), count: operations.count)
    for i in 0..<(n + 200) {
        for (k, operation) in operations.enumerated() {
            let elapsed = try await operation()
            if i >= 200 { samples[k].add(elapsed) }   // the first 200 rounds warm up
        }
    }
    return samples
}

func row(_ label: String, _ s: Samples) {
    print(label.padding(toLength: 46, withPad: " ", startingAt: 0)
          + String(format: "p50 %8.1f µs   p99 %8.1f µs", s.p50, s.p99))
}

print("StorageBenchmark: \(iterations) iterations per line, release build expected")
for size in [4 * 1024, 64 * 1024] {
    let stored = try await makeDocument(size: size)
    let uuid = stored.uuid
    let document = stored.document.bytes
    let rawKey = Array("\(prefix)raw:\(size)".utf8)
    let entryKey = Array("\(prefix)v:\(uuid)".utf8)
    try rawRedis.command([Array("SET".utf8), rawKey, document])
    let n = size > 8192 ? iterations / 2 : iterations
    let label = "\(size / 1024) KB (\(document.count) B)"
    print("\n\(label)")

    _ = try await store.get(uuid)  // fill, for the hits
    let getCommand = [Array("GET".utf8), rawKey]
    let setCommand = [Array("SET".utf8), rawKey, document, Array("EX".utf8), Array("3600".utf8)]
    let samples = try await measureInterleaved(n, [
        { let t = ContinuousClock.now; _ = try rawRedis.command(getCommand); return t.duration(to: .now) },
        { let t = ContinuousClock.now; _ = try await rawRedisActor.get(rawKey); return t.duration(to: .now) },
        { let t = ContinuousClock.now; _ = try rawRedis.command(setCommand); return t.duration(to: .now) },
        { let t = ContinuousClock.now; _ = try rawPostgres.select(uuid.string); return t.duration(to: .now) },
        { let t = ContinuousClock.now; _ = try await rawPostgresActor.select(uuid.string); return t.duration(to: .now) },
        { let t = ContinuousClock.now; _ = try await postgres.get(uuid); return t.duration(to: .now) },
        {   // the fill alone: the entry deleted and the lookup taken first, untimed
            try rawRedis.command([Array("DEL".utf8), entryKey])
            guard case let .miss(token?) = await cache.lookup(uuid) else { throw BenchError("expected a miss") }
            let t = ContinuousClock.now
            await cache.fill(stored, token: token)
            return t.duration(to: .now)
        },
        {   // a hit (the previous operation left the entry filled)
            let t = ContinuousClock.now
            guard let got = try await store.get(uuid), got.document.count == document.count else { throw BenchError("bad hit") }
            return t.duration(to: .now)
        },
        {   // a miss that waits for its fill: lookup, Postgres, fill (the entry deleted first, untimed)
            try rawRedis.command([Array("DEL".utf8), entryKey])
            let t = ContinuousClock.now
            guard let got = try await awaitingStore.get(uuid), got.version == stored.version else { throw BenchError("bad miss") }
            return t.duration(to: .now)
        },
        {   // a miss as the server serves it: lookup, Postgres, response; the fill follows in the background
            try rawRedis.command([Array("DEL".utf8), entryKey])
            func settled() -> Int { let s = cache.stats(); return s.fills + s.refusedFills + s.errors }
            let before = settled()
            let t = ContinuousClock.now
            guard let got = try await store.get(uuid), got.version == stored.version else { throw BenchError("bad miss") }
            let elapsed = t.duration(to: .now)
            // Untimed: let the background fill finish, so it does not weigh on the next line.
            while settled() == before { await Task.yield() }
            return elapsed
        },
    ])
    let (rawGet, rawGetHop, rawSet, rawSelect, rawSelectHop, postgresGet, fillSamples, hit, missSamples, missBackground) =
        (samples[0], samples[1], samples[2], samples[3], samples[4], samples[5], samples[6], samples[7], samples[8], samples[9])

    row("raw hiredis GET (sync)", rawGet)
    row("raw hiredis GET (thread hop)", rawGetHop)
    row("raw hiredis SET EX (sync)", rawSet)
    row("raw libpq prepared SELECT (sync)", rawSelect)
    row("raw libpq prepared SELECT (thread hop)", rawSelectHop)
    row("PostgresVConStore.get (pool, no cache)", postgresGet)
    row("RedisVConCache.fill alone (Lua, versioned)", fillSamples)
    row("cache hit: CachedVConStore.get", hit)
    row("cache miss: CachedVConStore.get, fill awaited", missSamples)
    row("cache miss: CachedVConStore.get, fill after", missBackground)
    let hitRatio = hit.p50 / rawGetHop.p50
    let missFloor = rawSelectHop.p50 + rawSet.p50
    print(String(format: "hit / raw GET (hop): %.2fx   hit / raw GET (sync): %.2fx   [target <= 1.5x]",
                 hitRatio, hit.p50 / rawGet.p50))
    print(String(format: "miss / (raw SELECT hop + raw SET): %.2fx   miss / (raw GET + SELECT + SET, sync): %.2fx   [target <= 1.5x]",
                 missSamples.p50 / missFloor, missSamples.p50 / (rawGet.p50 + rawSelect.p50 + rawSet.p50)))
    print(String(format: "miss / (raw GET hop + raw SELECT hop + raw SET): %.2fx   miss (fill after) / (raw SELECT hop + raw SET): %.2fx",
                 missSamples.p50 / (rawGetHop.p50 + rawSelectHop.p50 + rawSet.p50), missBackground.p50 / missFloor))
}
let stats = cache.stats()
print("\ncache stats: hits \(stats.hits), misses \(stats.misses), fills \(stats.fills), refused \(stats.refusedFills), errors \(stats.errors)")
await cache.close()
await postgres.close()
