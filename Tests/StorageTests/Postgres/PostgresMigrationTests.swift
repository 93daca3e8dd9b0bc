import Testing
import VConModel
@testable import Storage

@Suite("Postgres store: migrations and configuration", .enabled(if: PGTestEnvironment.enabled))
struct PostgresMigrationTests {
    @Test func migrationsApplyOnceAndTwiceIsANoOp() async throws {
        try await withTestStore { store in
            let rows = try await sqlRows(store, "SELECT version FROM \(store.sql.schema.quoted).schema_migrations ORDER BY version")
            #expect((0..<rows.count).compactMap { rows.int($0, 0) } == Migrations.all.map(\.version))
            let connection = try await store.pool.acquire(operation: "test")
            let again = try await Migrator.migrate(schema: store.sql.schema, on: connection, logger: PGTestEnvironment.logger)
            await store.pool.release(connection)
            #expect(again.isEmpty)
        }
    }

    @Test func concurrentOpensOfOneSchemaAllSucceed() async throws {
        let url = try #require(PGTestEnvironment.databaseURL, "DATABASE_URL is not set")
        try await PostgresOutageGate.shared.withShared {
            let schema = "vcon_test_mig_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let stores = try await withThrowingTaskGroup(of: PostgresVConStore.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await PostgresVConStore.open(configuration: testConfiguration(url: url, schema: schema, poolSize: 1),
                                                         logger: PGTestEnvironment.logger)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(stores.count == 6)
            let vcon = try TestVCons.ingest(TestVCons.document())
            _ = try await stores[0].create(vcon, replace: false)
            #expect(try await stores[5].get(try #require(vcon.uuid)) != nil)
            let rows = try await sqlRows(stores[0], "SELECT count(*) FROM \(stores[0].sql.schema.quoted).schema_migrations")
            #expect(rows.int(0, 0) == Migrations.all.count)
            for store in stores.dropFirst() { await store.close() }
            await dropSchema(of: stores[0])
        }
    }

    @Test(arguments: ["", "Vcon", "1abc", "a-b", "x\"; DROP SCHEMA public; --", String(repeating: "a", count: 64)])
    func unsafeSchemaNamesAreRefused(_ name: String) async throws {
        let url = try #require(PGTestEnvironment.databaseURL, "DATABASE_URL is not set")
        let error = await #expect(throws: StorageError.self) {
            try await PostgresVConStore.open(configuration: testConfiguration(url: url, schema: name), logger: PGTestEnvironment.logger)
        }
        #expect(error?.code == .configuration)
    }

    @Test func wrongPasswordIsAConfigurationErrorWithoutTheSecret() async throws {
        let url = try #require(PGTestEnvironment.databaseURL, "DATABASE_URL is not set")
        let secret = "wrong-secret-\(UInt32.random(in: 0...UInt32.max))"
        // postgresql://user:password@host… → replace the password.
        let at = try #require(url.firstIndex(of: "@"))
        let colon = try #require(url[url.index(url.startIndex, offsetBy: 13)..<at].firstIndex(of: ":"))
        let badURL = String(url[...colon]) + secret + String(url[at...])
        let error = await #expect(throws: StorageError.self) {
            try await PostgresVConStore.open(configuration: testConfiguration(url: badURL, schema: "vcon_unused"), logger: PGTestEnvironment.logger)
        }
        #expect(error?.code == .configuration)
        #expect(error.map { !$0.description.contains(secret) } == true)
    }

    @Test func unreachableServerIsUnavailable() async throws {
        let error = await #expect(throws: StorageError.self) {
            try await PostgresVConStore.open(configuration: testConfiguration(url: "postgresql://vcon@127.0.0.1:1/x", schema: "vcon"),
                                             logger: PGTestEnvironment.logger)
        }
        #expect(error?.code == .unavailable)
        #expect(error?.isRetryable == true)
    }
}

@Suite("Postgres private cluster")
struct PrivateClusterTests {
    @Test func refusesRootOrMissingBinariesWithAClearError() async throws {
        let directory = "/tmp/vcon-pc-\(UInt32.random(in: 0...UInt32.max))"
        let error = await #expect(throws: StorageError.self) {
            _ = try await PrivateCluster.start(directory: directory, logger: PGTestEnvironment.logger, binaryRoots: ["/nonexistent"])
        }
        #expect(error?.code == .configuration)
        if geteuid() == 0 {
            #expect(error?.message.contains("root") == true)
            #expect(error?.message.contains("DATABASE_URL") == true)
        } else {
            #expect(error?.message.contains("install PostgreSQL") == true)
        }
    }

    @Test func findsTheInstalledBinaries() throws {
        let found = PrivateCluster.findBinaries(in: ["/usr/lib/postgresql"])
        if PGTestEnvironment.isCI || found != nil {
            let bin = try #require(found)
            #expect(bin.hasPrefix("/usr/lib/postgresql/") && bin.hasSuffix("/bin"))
        }
        #expect(PrivateCluster.findBinaries(in: ["/nonexistent"]) == nil)
    }

    @Test func storeOpenWithoutURLUsesThePrivateCluster() async throws {
        let directory = "/tmp/vcon-pc-\(UInt32.random(in: 0...UInt32.max))"
        let configuration = StorageConfiguration.Postgres(url: nil, privateClusterDirectory: directory)
        if geteuid() == 0 {
            let error = await #expect(throws: StorageError.self) {
                try await PostgresVConStore.open(configuration: configuration, logger: PGTestEnvironment.logger)
            }
            #expect(error?.code == .configuration)
            return
        }
        // As an ordinary user: a real cluster on a socket in `directory`, and no TCP listener.
        let store = try await PostgresVConStore.open(configuration: configuration, logger: PGTestEnvironment.logger)
        let vcon = try TestVCons.ingest(TestVCons.document())
        _ = try await store.create(vcon, replace: false)
        #expect(try await store.get(try #require(vcon.uuid)) != nil)
        let listen = try await sqlRows(store, "SELECT current_setting('listen_addresses')")
        #expect(listen.string(0, 0) == "")
        await store.close()
        try store.privateCluster?.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
import Foundation
