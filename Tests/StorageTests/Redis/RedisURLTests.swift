import Testing
@testable import Storage

@Suite struct RedisURLTests {
    @Test func userPasswordHostPortDatabase() throws {
        let url = try RedisURL(parsing: "redis://default:s%40cret@127.0.0.1:6380/3")
        #expect(url.endpoint == .tcp(host: "127.0.0.1", port: 6380))
        #expect(url.user == "default")
        #expect(url.password == "s@cret")
        #expect(url.database == 3)
    }

    @Test func emptyUserMeansPasswordOnlyAuth() throws {
        let url = try RedisURL(parsing: "redis://:pw@h")
        #expect(url.user == nil)
        #expect(url.password == "pw")
        #expect(url.endpoint == .tcp(host: "h", port: 6379))
        #expect(url.database == 0)
    }

    @Test func bareHostAndIPv6() throws {
        #expect(try RedisURL(parsing: "redis://cache.local").endpoint == .tcp(host: "cache.local", port: 6379))
        #expect(try RedisURL(parsing: "redis://[::1]:7000/2").endpoint == .tcp(host: "::1", port: 7000))
        #expect(try RedisURL(parsing: "redis://[::1]:7000/2").database == 2)
    }

    @Test func unixSocket() throws {
        let url = try RedisURL(parsing: "unix:///run/redis/redis.sock")
        #expect(url.endpoint == .unix(path: "/run/redis/redis.sock"))
        let withOptions = try RedisURL(parsing: "unix:///tmp/r.sock?db=4&password=pw")
        #expect(withOptions.database == 4)
        #expect(withOptions.password == "pw")
    }

    @Test(arguments: ["http://h", "redis://h:0", "redis://h:99999", "redis://h/x", "rediss://h", "unix://relative",
                      "redis://:pw@", "redis://h:port"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: StorageError.self) { try RedisURL(parsing: text) }
    }

    @Test func descriptionMasksThePassword() throws {
        let url = try RedisURL(parsing: "redis://default:topsecret@127.0.0.1:6380/1")
        #expect(!url.description.contains("topsecret"))
        #expect(url.description == "redis://default:***@127.0.0.1:6380/1")
        let error = #expect(throws: StorageError.self) { try RedisURL(parsing: "redis://u:topsecret@h:bad") }
        #expect(error?.description.contains("topsecret") == false)
    }
}
