import Foundation

/// Reads the real Redis beside the server with redis-cli (tests only), to check keys and TTLs.
enum RedisProbe {
    static func run(_ url: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["redis-cli", "-u", url, "--no-auth-warning"] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestSetupError("redis-cli \(arguments.first ?? "") failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Keys under `prefix` whose name holds `fragment`.
    static func keys(_ url: String, prefix: String, containing fragment: String) throws -> [String] {
        try run(url, ["--scan", "--pattern", "\(prefix)*\(fragment)*"]).split(separator: "\n").map(String.init)
    }

    static func ttl(_ url: String, key: String) throws -> Int {
        Int(try run(url, ["TTL", key])) ?? -3
    }
}
