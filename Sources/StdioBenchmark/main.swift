// Stdio benchmark (issue 6): spawns the release vcon-mcp against the services script's Postgres
// and Redis, loads the fake-vcons corpus through create_vcon, and measures tools/call over stdio
// beside the raw floors (hiredis GET, libpq prepared SELECT) taken in the same run.
//   scripts/bench.sh            (starts services, builds release, runs this pinned, prints the table)
//   StdioBenchmark [path/to/vcon-mcp]   with DATABASE_URL and REDIS_URL set
// Tuning (env): BENCH_CALLS (depth-1 calls per figure, default 3000), BENCH_SPAWNS (default 20),
// BENCH_PG_SCHEMA / BENCH_REDIS_PREFIX (dropped and cleared at start), BENCH_SERVER_LOG (its stderr).
import Foundation
import JSONCore

let environment = ProcessInfo.processInfo.environment
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let schema = environment["BENCH_PG_SCHEMA"] ?? "vcon_stdio_bench"
let prefix = environment["BENCH_REDIS_PREFIX"] ?? "vcon-mcp-stdio-bench:"
let calls = Int(environment["BENCH_CALLS"] ?? "") ?? 3000
let spawns = Int(environment["BENCH_SPAWNS"] ?? "") ?? 20

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("StdioBenchmark: \(message)\n".utf8))
    exit(1)
}

guard let databaseURL = environment["DATABASE_URL"], let redisURL = environment["REDIS_URL"] else {
    fail("set DATABASE_URL and REDIS_URL: eval \"$(scripts/services.sh env)\"")
}
let executable: String = {
    if CommandLine.arguments.count > 1 { return CommandLine.arguments[1] }
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("vcon-mcp").path
}()
guard FileManager.default.isExecutableFile(atPath: executable) else { fail("no vcon-mcp at \(executable) (pass its path)") }
let corpusDirectory = environment["VCON_CORPUS_DIR"] ?? root + "/../shared/vcon-corpus/fake-vcons"
let stderrLog = environment["BENCH_SERVER_LOG"] ?? NSTemporaryDirectory() + "/stdio-benchmark-server.log"

func serverEnvironment(cache: Bool) -> [String: String] {
    var env = environment
    env["VCON_PG_SCHEMA"] = schema
    env["VCON_REDIS_PREFIX"] = prefix
    env["VCON_LOG_LEVEL"] = environment["BENCH_SERVER_LOG_LEVEL"] ?? "warning"
    if !cache { env["REDIS_URL"] = nil }
    return env
}

func getCall(_ uuid: String) -> (Int) -> [UInt8] {
    let arguments = #"{"uuid":"\#(uuid)"}"#
    return { id in RPCClient.toolCall(id: id, name: "get_vcon", arguments: arguments) }
}

do {
    let corpus = try Corpus(directory: corpusDirectory)
    let redis = try RawRedis(url: redisURL)
    let postgres = try RawPostgres(conninfo: databaseURL)
    try postgres.execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
    _ = try redis.deleteKeys(matching: prefix)

    var report = Report()
    let server = try ServerProcess(executable: executable, environment: serverEnvironment(cache: true), stderrPath: stderrLog)
    let client = RPCClient(server: server)
    try client.handshake()

    // Load: create_vcon of the whole corpus at depth 8, reading back each uuid.
    var uuids = [String](repeating: "", count: corpus.createArguments.count)
    let load = try client.run(count: uuids.count, depth: 8, make: { i, id in
        RPCClient.toolCall(id: id, name: "create_vcon", arguments: corpus.createArguments[i])
    }, inspect: { i, line in
        guard let uuid = try JSONParser.parse(Array(line))["result"]?["structuredContent"]?["uuid"]?.stringValue else {
            throw BenchError("create_vcon answer without uuid")
        }
        uuids[i] = uuid
    })
    report.add("create_vcon, depth 8 (corpus load)", load, note: "\(uuids.count) vCons")
    guard Set(uuids).count == uuids.count else { throw BenchError("corpus uuids are not distinct") }

    try postgres.prepareDocumentSelect(schema: schema)
    let documents = try uuids.map { try postgres.selectDocument($0) }
    let meanSize = documents.reduce(0) { $0 + $1.count } / documents.count
    let entryKeys = uuids.map { Array((prefix + "v:" + $0).utf8) }
    let n = uuids.count
    func gets(_ i: Int, _ id: Int) -> [UInt8] { getCall(uuids[i % n])(id) }

    // Fill the cache (one get each, every answer checked in full once).
    _ = try client.run(count: n, depth: 8, make: gets, inspect: { i, line in
        let json = try JSONParser.parse(Array(line))
        guard json["result"]?["structuredContent"]?["vcon"]?["uuid"]?.stringValue == uuids[i] else { throw BenchError("get_vcon returned another vCon") }
    })
    for key in entryKeys { guard case .string = try redis.command([Array("GET".utf8), key]) else { throw BenchError("no cache entry after a get") } }

    // Profiling mode (BENCH_PROFILE=hit|miss|ping): only that, against a fresh server run under
    // BENCH_WRAPPER (e.g. "perf record -g -o hit.data"); prints server CPU and context switches per call.
    if let mode = environment["BENCH_PROFILE"] {
        server.finish()
        try profile(mode: mode, executable: executable, environment: serverEnvironment(cache: true), stderrPath: stderrLog,
                    redis: redis, entryKeys: entryKeys, count: mode == "miss" ? n : calls, make: gets)
        exit(0)
    }

    // Floors: the raw GET of the server's own cache entries, the raw SELECT of the same rows.
    let rawGet = try Floors.redisGet(redis, keys: entryKeys, count: calls, depth: 1)
    func cpuPerCall(_ body: () throws -> PhaseResult) rethrows -> (PhaseResult, String) {
        let before = cpuMicros(of: server.pid)
        let r = try body()
        return (r, String(format: "server CPU %.0f µs/call", Double(cpuMicros(of: server.pid) - before) / Double(r.count)))
    }
    // The stdio floor: `ping` crosses the same framing, reader thread and writer, no tool, no storage.
    let ping: (Int, Int) -> [UInt8] = { _, id in Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#.utf8) + [0x0A] }
    let ping1 = try client.run(count: calls, depth: 1, make: ping)
    let (hit1, hit1CPU) = try cpuPerCall { try client.run(count: calls, depth: 1, make: gets) }
    let rawGet64 = try Floors.redisGet(redis, keys: entryKeys, count: calls * 4, depth: 64)
    let hit8 = try client.run(count: calls * 2, depth: 8, make: gets)
    let (hit64, hit64CPU) = try cpuPerCall { try client.run(count: calls * 4, depth: 64, make: gets) }
    let rawSelect = try Floors.postgresSelect(postgres, uuids: uuids, count: calls)
    let rawSet = try Floors.redisSet(redis, key: Array((prefix + "floor").utf8), value: documents[0], count: calls)

    // Misses: every entry deleted (raw DEL, untimed) before each pass over the corpus.
    func misses(depth: Int, passes: Int) throws -> PhaseResult {
        var total = PhaseResult(samples: Samples(), wallNanos: 0, count: 0)
        for _ in 0..<passes {
            _ = try redis.command([Array("DEL".utf8)] + entryKeys)
            total.merge(try client.run(count: n, depth: depth, make: gets))
        }
        return total
    }
    let missPasses = max(1, calls / n)
    let miss1 = try misses(depth: 1, passes: missPasses)
    let miss8 = try misses(depth: 8, passes: missPasses * 2)
    let miss64 = try misses(depth: 64, passes: missPasses * 4)
    _ = try client.run(count: n, depth: 8, make: gets)   // leave the cache warm

    // Searches: distinct queries first (search cache cold), then the same again (cached).
    let names = Array(corpus.partyNames.prefix(300)), words = Array(corpus.words.prefix(300))
    func search(_ i: Int, _ id: Int) -> [UInt8] {
        RPCClient.toolCall(id: id, name: "search_vcons", arguments: JSON.object(["party_name": .string(names[i % names.count]), "limit": 10]).encodedString())
    }
    func content(_ i: Int, _ id: Int) -> [UInt8] {
        RPCClient.toolCall(id: id, name: "search_vcons_content", arguments: JSON.object(["query": .string(words[i % words.count]), "limit": 10]).encodedString())
    }
    let searchCold = try client.run(count: names.count, depth: 1, make: search)
    let searchWarm = try client.run(count: names.count, depth: 1, make: search)
    let contentCold = try client.run(count: words.count, depth: 1, make: content)
    let contentWarm = try client.run(count: words.count, depth: 1, make: content)
    let callsServed = 2 * n + ping1.count + hit1.count + hit8.count + hit64.count + miss1.count + miss8.count + miss64.count + n + 2 * (names.count + words.count)
    let peakKB = server.statusKB("VmHWM") ?? -1
    let rssKB = server.statusKB("VmRSS") ?? -1
    server.finish()

    // Start-up: spawn → answer to initialize, and → answer to a first get_vcon sent at once.
    let startup = try Floors.startup(spawns: spawns, executable: executable, environment: serverEnvironment(cache: true),
                                     stderrPath: stderrLog, firstGet: getCall(uuids[0]))

    let sizeNote = "\(n) corpus vCons, mean \(meanSize) B"
    report.add("floor: raw Redis GET, depth 1", rawGet, note: sizeNote + " (the server's own entries)")
    report.add("floor: raw Redis GET, pipelined 64", rawGet64)
    report.add("floor: raw Redis SET EX, depth 1", rawSet)
    report.add("floor: raw Postgres prepared SELECT by uuid", rawSelect)
    report.add("floor: ping over stdio, depth 1", ping1, note: "no tool, no storage")
    report.add("get_vcon hit, depth 1", hit1, note: "\(ratio(hit1.samples.p50, rawGet.samples.p50)) raw GET p50; \(hit1CPU)")
    report.add("get_vcon hit, depth 8", hit8)
    report.add("get_vcon hit, depth 64", hit64, note: "\(ratio(rawGet64.perSecond, hit64.perSecond)) below raw pipelined GET rate; \(hit64CPU)")
    let missFloor = rawGet.samples.p50 + rawSelect.samples.p50 + rawSet.samples.p50
    report.add("get_vcon miss, depth 1", miss1, note: "\(ratio(miss1.samples.p50, rawSelect.samples.p50)) raw SELECT, \(ratio(miss1.samples.p50, missFloor)) GET+SELECT+SET p50")
    report.add("get_vcon miss, depth 8", miss8)
    report.add("get_vcon miss, depth 64", miss64)
    report.add("search_vcons (party_name, limit 10), uncached", searchCold, note: "\(names.count) distinct queries")
    report.add("search_vcons, same queries (search cache)", searchWarm)
    report.add("search_vcons_content (one word, limit 10), uncached", contentCold, note: "\(words.count) distinct words")
    report.add("search_vcons_content, same queries (search cache)", contentWarm)
    report.add("spawn → initialize answered", p50: startup.initialize.p50, p99: startup.initialize.p99, note: "median of \(spawns) spawns")
    report.add("spawn → first get_vcon answered", p50: startup.firstGet.p50, p99: startup.firstGet.p99, note: "initialize + get_vcon written at once")
    report.add("peak RSS (VmHWM) after \(callsServed) calls", note: String(format: "%.1f MB (VmRSS now %.1f MB)", Double(peakKB) / 1024, Double(rssKB) / 1024))

    report.check("cache-hit get_vcon depth 1 within 3x of raw GET (\(ratio(hit1.samples.p50, rawGet.samples.p50)))", hit1.samples.p50 <= 3 * rawGet.samples.p50)
    report.check(String(format: "≥ 15,000 cache-hit get_vcon/s at depth 64 (%.0f/s)", hit64.perSecond), hit64.perSecond >= 15_000)
    report.check("hit ≥ 3x faster than miss at depth 1 (\(ratio(miss1.samples.p50, hit1.samples.p50)))", miss1.samples.p50 >= 3 * hit1.samples.p50)
    report.check(String(format: "first answer within 50 ms of spawn (%.1f ms)", startup.initialize.p50 / 1000), startup.initialize.p50 <= 50_000)
    report.check(String(format: "peak RSS under 50 MB (%.1f MB)", Double(peakKB) / 1024), peakKB > 0 && peakKB < 50 * 1024)

    print("StdioBenchmark: \(executable)")
    print(report.printed())
    _ = try redis.deleteKeys(matching: prefix)
    try postgres.execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
} catch {
    fail("\(error) (the server's stderr is in \(stderrLog))")
}
