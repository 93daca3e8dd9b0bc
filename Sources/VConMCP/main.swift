import Foundation
import Logging
import Storage

// Started with fd 0, 1 or 2 closed, the next file opened would take its number, and stdout or
// stderr would land in it (the frame writer's second open of stdout, a log line in the protocol).
StandardDescriptors.ensureOpen()

// Configuration is read once, here; a bad value stops the server before it speaks the protocol.
let configuration: ServerConfiguration
do {
    configuration = try ServerConfiguration.parse(environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("vcon-mcp: configuration error: \(error)\n".utf8))
    exit(2)
}

let logLevel = configuration.logLevel
LoggingSystem.bootstrap { label in StderrLogHandler(label: label, level: logLevel) }
let logger = Logger(label: "vcon-mcp")
for line in configuration.logSummary { logger.info("\(line)") }

// The store opens in the background while the server already answers the handshake; a tool call
// made before it is open waits for it.
let storage = configuration.storage
let store = OpeningStore {
    do {
        return try await StorageFactory.open(storage, logger: logger)
    } catch let error as StorageError where error.code != .configuration {
        // Transient (database down or slow): serve anyway so the assistant gets clear, retryable tool
        // errors and server_status explains; the store opens on the first call after recovery.
        logger.error("storage unavailable at start-up; serving and retrying on demand", metadata: ["error": "\(error)"])
        return DeferredStore(configuration: storage, initialError: error, logger: logger)
    } catch {
        // Not fixable by waiting (no PostgreSQL binaries, a malformed URL …): say so and stop.
        FileHandle.standardError.write(Data("vcon-mcp: cannot open storage: \(error)\n".utf8))
        exit(2)
    }
}

let server = VConServer.make(store: store, configuration: configuration, logger: logger)
exit(await server.runStdio())
