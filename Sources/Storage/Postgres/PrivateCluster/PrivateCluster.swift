import Foundation
import Logging

/// The zero-config database: a PostgreSQL cluster of our own under `directory`, created with the
/// installed `initdb` on first use and started with `pg_ctl`, listening only on a Unix socket inside
/// that (mode 700) directory, so only this user can reach it.
public struct PrivateCluster: Sendable {
    public let directory: String
    let binDirectory: String
    static let port = 5432
    static let user = "vcon"
    static let database = "postgres"

    var dataDirectory: String { directory + "/data" }

    /// libpq conninfo for the socket in `directory` (values quoted as libpq requires).
    var conninfo: String {
        func quoted(_ s: String) -> String {
            "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
        return "host=\(quoted(directory)) port=\(Self.port) user=\(Self.user) dbname=\(Self.database)"
    }

    /// Creates (first time) and starts the cluster unless it runs already. Blocking work runs on a
    /// Dispatch thread, not the cooperative pool. Throws `StorageError(.configuration)` when it cannot
    /// be done (running as root, no PostgreSQL binaries, unusable directory) with what to do instead.
    public static func start(directory: String, logger: Logger,
                             binaryRoots: [String] = ["/usr/lib/postgresql"]) async throws -> PrivateCluster {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try startBlocking(directory: directory, logger: logger, binaryRoots: binaryRoots)
                })
            }
        }
    }

    static func startBlocking(directory: String, logger: Logger, binaryRoots: [String]) throws -> PrivateCluster {
        if geteuid() == 0 {
            throw configuration("PostgreSQL refuses to run as root, so no private cluster can be started: "
                + "set DATABASE_URL to a PostgreSQL server, or run vcon-mcp as an ordinary user")
        }
        guard let bin = findBinaries(in: binaryRoots) else {
            throw configuration("no PostgreSQL server binaries (initdb, pg_ctl) found under \(binaryRoots.joined(separator: ", ")): "
                + "install PostgreSQL (e.g. apt-get install postgresql) or set DATABASE_URL")
        }
        // A Unix socket path is limited to 107 bytes.
        guard directory.hasPrefix("/"), directory.utf8.count + "/.s.PGSQL.\(port)".utf8.count < 108 else {
            throw configuration("the private cluster directory must be an absolute path shorter than 90 bytes "
                + "(it holds the server's Unix socket): set another data directory or DATABASE_URL")
        }
        let cluster = PrivateCluster(directory: directory, binDirectory: bin)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            _ = chmod(directory, 0o700)
        } catch {
            throw configuration("cannot create the private cluster directory; check its permissions or set DATABASE_URL")
        }
        // Instances starting together take turns: one initialises and starts, the others find it running.
        let lock = open(directory + "/.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw configuration("cannot create the private cluster's lock file") }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw configuration("cannot lock the private cluster directory") }
        }
        defer { _ = flock(lock, LOCK_UN) }
        try cluster.initialiseIfNeeded(logger: logger)
        try cluster.startIfNeeded(logger: logger)
        return cluster
    }

    /// Stops the cluster (fast shutdown). Throws `.configuration` when `pg_ctl` fails.
    public func stop() throws {
        let result = try run(binDirectory + "/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"])
        guard result == 0 else { throw Self.configuration("pg_ctl stop failed (see \(directory)/postgres.log)") }
    }

    private func initialiseIfNeeded(logger: Logger) throws {
        if FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") { return }
        // A half-made data folder from an interrupted initdb would make initdb refuse: start over.
        try? FileManager.default.removeItem(atPath: dataDirectory)
        logger.info("creating the private PostgreSQL cluster", metadata: ["directory": "\(directory)"])
        let result = try run(binDirectory + "/initdb",
                             ["-D", dataDirectory, "-U", Self.user, "-A", "trust", "-E", "UTF8", "--no-locale"])
        guard result == 0 else {
            throw Self.configuration("initdb failed for the private cluster (exit \(result)); set DATABASE_URL instead")
        }
        // Socket only, inside our own directory; no TCP at all.
        let escaped = directory.replacingOccurrences(of: "'", with: "''")
        let settings = "\n# vcon-mcp private cluster\nlisten_addresses = ''\nunix_socket_directories = '\(escaped)'\n"
            + "port = \(Self.port)\nunix_socket_permissions = 0700\n"
        guard let handle = FileHandle(forWritingAtPath: dataDirectory + "/postgresql.conf") else {
            throw Self.configuration("cannot configure the private cluster")
        }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(settings.utf8))
    }

    private func startIfNeeded(logger: Logger) throws {
        if try run(binDirectory + "/pg_ctl", ["-D", dataDirectory, "status"]) == 0 { return }
        logger.info("starting the private PostgreSQL cluster", metadata: ["directory": "\(directory)"])
        let result = try run(binDirectory + "/pg_ctl",
                             ["-D", dataDirectory, "-l", directory + "/postgres.log", "-w", "-t", "60", "start"])
        guard result == 0 else {
            throw Self.configuration("the private PostgreSQL cluster did not start (see \(directory)/postgres.log)")
        }
    }

    static func findBinaries(in roots: [String]) -> String? {
        let fm = FileManager.default
        var candidates: [(Int, String)] = []
        for root in roots {
            for entry in (try? fm.contentsOfDirectory(atPath: root)) ?? [] {
                let bin = "\(root)/\(entry)/bin"
                if fm.isExecutableFile(atPath: bin + "/initdb"), fm.isExecutableFile(atPath: bin + "/pg_ctl") {
                    candidates.append((Int(entry.split(separator: ".").first ?? "") ?? 0, bin))
                }
            }
        }
        return candidates.max { $0.0 < $1.0 }?.1
    }

    /// Runs a PostgreSQL tool with its output discarded; returns its exit status.
    private func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        try Subprocess.run(tool, arguments)
    }

    static func configuration(_ message: String) -> StorageError {
        StorageError(.configuration, operation: "postgres.private_cluster", message: message)
    }
}
