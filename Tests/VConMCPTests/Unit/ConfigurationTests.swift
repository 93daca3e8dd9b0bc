@testable import VConMCP
import Logging
import Testing

@Suite struct ConfigurationTests {
    let home = ["HOME": "/home/u"]

    @Test func defaults() throws {
        let c = try ServerConfiguration.parse(environment: home)
        #expect(c.storage.postgres.url == nil)
        #expect(c.storage.postgres.schema == "vcon")
        #expect(c.storage.postgres.poolSize == 4)
        #expect(c.storage.postgres.privateClusterDirectory == "/home/u/.local/share/vcon-mcp/postgres")
        #expect(c.storage.redis.url == nil)
        #expect(c.storage.redis.expirySeconds == 3600)
        #expect(c.storage.redis.prefix == "vcon-mcp:")
        #expect(c.readOnly == false)
        #expect(c.logLevel == .info)
        #expect(c.maxResponseBytes == 1_048_576)
    }

    @Test func everyVariable() throws {
        let c = try ServerConfiguration.parse(environment: [
            "DATABASE_URL": "postgres://a@h/db", "REDIS_URL": "redis://:pw@127.0.0.1:6390/2", "VCON_REDIS_EXPIRY": "60",
            "VCON_REDIS_PREFIX": "t1:", "VCON_PG_SCHEMA": "vcon_test_1", "VCON_PG_POOL_SIZE": "8", "VCON_READ_ONLY": "1",
            "VCON_LOG_LEVEL": "debug", "VCON_MAX_RESPONSE_BYTES": "65536", "XDG_DATA_HOME": "/data",
        ])
        #expect(c.storage.postgres.url == "postgres://a@h/db")
        #expect(c.storage.postgres.schema == "vcon_test_1")
        #expect(c.storage.postgres.poolSize == 8)
        #expect(c.storage.postgres.privateClusterDirectory == "/data/vcon-mcp/postgres")
        #expect(c.storage.redis.url == "redis://:pw@127.0.0.1:6390/2")
        #expect(c.storage.redis.expirySeconds == 60)
        #expect(c.storage.redis.prefix == "t1:")
        #expect(c.readOnly)
        #expect(c.logLevel == .debug)
        #expect(c.maxResponseBytes == 65536)
    }

    @Test func vconDatabaseURLWins() throws {
        let c = try ServerConfiguration.parse(environment: ["DATABASE_URL": "postgres://a/x", "VCON_DATABASE_URL": "postgres://b/y"])
        #expect(c.storage.postgres.url == "postgres://b/y")
    }

    @Test(arguments: ["0", "-5", "abc", "1.5", ""])
    func badRedisExpiryIsAnError(value: String) {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.parse(environment: ["HOME": "/h", "VCON_REDIS_EXPIRY": value]) }
        do {
            _ = try ServerConfiguration.parse(environment: ["HOME": "/h", "VCON_REDIS_EXPIRY": value])
        } catch {
            #expect(error.variable == "VCON_REDIS_EXPIRY")
            #expect(error.description.contains("positive integer"))
        }
    }

    @Test(arguments: [("VCON_PG_POOL_SIZE", "0"), ("VCON_PG_POOL_SIZE", "many"), ("VCON_MAX_RESPONSE_BYTES", "100"),
                      ("VCON_MAX_RESPONSE_BYTES", "-1"), ("VCON_READ_ONLY", "maybe"), ("VCON_LOG_LEVEL", "loud"),
                      ("VCON_PG_SCHEMA", "Robert'); DROP"), ("VCON_PG_SCHEMA", "1abc"), ("VCON_REDIS_PREFIX", "")])
    func invalidValuesNameTheirVariable(name: String, value: String) {
        do {
            _ = try ServerConfiguration.parse(environment: ["HOME": "/h", name: value])
            Issue.record("\(name)=\(value) was accepted")
        } catch {
            #expect(error.variable == name)
        }
    }

    @Test func readOnlySpellings() throws {
        for on in ["1", "true", "YES", "on"] { #expect(try ServerConfiguration.parse(environment: ["HOME": "/h", "VCON_READ_ONLY": on]).readOnly) }
        for off in ["0", "false", "no", "off", ""] { #expect(try !ServerConfiguration.parse(environment: ["HOME": "/h", "VCON_READ_ONLY": off]).readOnly) }
    }

    @Test func logLevels() throws {
        for (text, level) in [("trace", Logger.Level.trace), ("WARNING", .warning), ("warn", .warning), ("critical", .critical)] {
            #expect(try ServerConfiguration.parse(environment: ["HOME": "/h", "VCON_LOG_LEVEL": text]).logLevel == level)
        }
    }

    @Test func noDatabaseAndNoHomeIsAnError() {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.parse(environment: [:]) }
        #expect(throws: Never.self) { try ServerConfiguration.parse(environment: ["DATABASE_URL": "postgres://h/db"]) }
    }

    @Test func passwordsAreMasked() throws {
        #expect(SecretMasking.maskURL("postgresql://vcon:s3cret@127.0.0.1:5432/db") == "postgresql://vcon:***@127.0.0.1:5432/db")
        #expect(SecretMasking.maskURL("redis://:s3cret@host:6379/0") == "redis://:***@host:6379/0")
        #expect(SecretMasking.maskURL("host=h user=u password=s3cret dbname=d") == "host=h user=u password=*** dbname=d")
        #expect(SecretMasking.maskURL("postgres://h/db?user=u&password=s3cret&sslmode=off") == "postgres://h/db?user=u&password=***&sslmode=off")
        #expect(SecretMasking.maskURL("unix:///tmp/redis.sock") == "unix:///tmp/redis.sock")
        // Passwords holding '/', '@' or spaces, and conninfo with spaces around '='.
        #expect(SecretMasking.maskURL("redis://:ab/cd@host:6379/0") == "redis://:***@host:6379/0")
        #expect(SecretMasking.maskURL("postgresql://u:p@ss/w?rd@h/db") == "postgresql://u:***@h/db")
        #expect(SecretMasking.maskURL("host=h password = 'a b\\' c' dbname=d") == "host=h password=*** dbname=d")
        #expect(SecretMasking.maskURL("host=h PASSWORD=x") == "host=h PASSWORD=***")
        let c = try ServerConfiguration.parse(environment: ["DATABASE_URL": "postgres://u:topsecret@h/db", "REDIS_URL": "redis://:alsosecret@h:1"])
        let summary = c.logSummary.joined(separator: "\n")
        #expect(!summary.contains("topsecret") && !summary.contains("alsosecret"))
        #expect(summary.contains("postgres://u:***@h/db"))
    }
}
