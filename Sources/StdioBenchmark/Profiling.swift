import Foundation

/// One figure under a profiler: a fresh server under `BENCH_WRAPPER`, the handshake, then `count`
/// calls at `BENCH_DEPTH` (default 1), with the server's CPU time and context switches per call
/// read from /proc (robust on a busy machine, where latency is not).
func profile(mode: String, executable: String, environment: [String: String], stderrPath: String,
             redis: RawRedis, entryKeys: [[UInt8]], count: Int, make gets: (Int, Int) -> [UInt8]) throws {
    let env = ProcessInfo.processInfo.environment
    let wrapper = (env["BENCH_WRAPPER"] ?? "").split(separator: " ").map(String.init)
    let server = try ServerProcess(executable: executable, environment: environment, stderrPath: stderrPath, wrapper: wrapper)
    let client = RPCClient(server: server)
    try client.handshake()
    if mode == "miss" { _ = try redis.command([Array("DEL".utf8)] + entryKeys) }
    // A new server starts a new cache epoch (every entry reads as a miss): one untimed pass fills
    // the cache again, so that "hit" measures hits only.
    if mode == "hit" { _ = try client.run(count: entryKeys.count, depth: 8, make: gets) }
    let ping: (Int, Int) -> [UInt8] = { _, id in Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"ping"}"#.utf8) + [0x0A] }
    let switches = contextSwitches(of: server.pid), cpu = cpuMicros(of: server.pid), mine = cpuMicros(of: getpid())
    let r = try client.run(count: count, depth: Int(env["BENCH_DEPTH"] ?? "") ?? 1, make: mode == "ping" ? ping : gets)
    let perCall = Double(contextSwitches(of: server.pid) - switches) / Double(r.count)
    let cpuPerCall = Double(cpuMicros(of: server.pid) - cpu) / Double(r.count)
    let clientPerCall = Double(cpuMicros(of: getpid()) - mine) / Double(r.count)
    print(String(format: "profiled %@: %d calls, p50 %.1f µs, %.0f/s; per call: %.2f server context switches, %.1f µs server CPU, %.1f µs client CPU",
                 mode, r.count, r.samples.p50, r.perSecond, perCall, cpuPerCall, clientPerCall))
    if !wrapper.isEmpty { print("(under a wrapper the /proc figures are the wrapper's)") }
    server.finish(seconds: 120)
}

/// Voluntary plus involuntary context switches of every thread of `pid` so far.
func contextSwitches(of pid: pid_t) -> Int {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    return tasks.reduce(0) { total, task in
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
        return total + text.split(separator: "\n").filter { $0.contains("ctxt_switches") }
            .compactMap { Int($0.split(separator: "\t").last ?? "") }.reduce(0, +)
    }
}

/// User plus system CPU time of `pid` so far, in µs (clock ticks of 10 ms: use over many calls).
func cpuMicros(of pid: pid_t) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")") else { return 0 }
    let fields = text[text.index(after: close)...].split(separator: " ")
    let ticks = (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)   // utime, stime (fields 14, 15)
    return ticks * 1_000_000 / sysconf(Int32(_SC_CLK_TCK))
}

