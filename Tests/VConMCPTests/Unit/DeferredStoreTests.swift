@testable import VConMCP
import VConModel
import Logging
import Storage
import Testing

/// The store used when PostgreSQL is unreachable at start-up: it reports why and stays retryable.
@Suite struct DeferredStoreTests {
    func store(retry: Double) -> DeferredStore {
        let configuration = StorageConfiguration(
            postgres: .init(url: "postgresql://u:pw@127.0.0.1:1/db", connectTimeoutSeconds: 1, privateClusterDirectory: "/nonexistent"),
            redis: .init(url: nil))
        return DeferredStore(configuration: configuration,
                             initialError: StorageError(.unavailable, operation: "postgres.connect", message: "refused"),
                             logger: Logger(label: "test"), retryInterval: retry)
    }

    @Test func reportsTheStartupErrorUntilTheRetryInterval() async throws {
        let s = store(retry: 3600)
        await #expect(throws: StorageError.self) { try await s.search(VConSearchQuery()) }
        let status = await s.postgresStatus()
        #expect(status.state == .down && status.detail.contains("postgres.connect"))
        #expect(await s.redisStatus().state == .disabled)
        #expect(await s.cacheStats().enabled == false)
    }

    @Test func retriesAndKeepsTheNewError() async throws {
        let s = store(retry: 0)
        do {
            _ = try await s.get(someID)
            Issue.record("a dead database cannot answer")
        } catch let error as StorageError {
            #expect(error.isRetryable || error.code == .configuration)
        }
        #expect(await s.postgresStatus().state == .down)
    }
}

private let someID = VConID("01890a5d-ac96-8d6e-a9c2-34f1e2f0a1b2")!
