import Foundation
import Synchronization
@testable import Storage
#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of Redis, with a switch that silently drops all traffic: Redis
/// stays alive (and keeps its data) but cannot be reached, the way a network partition looks.
final class DroppingProxy: Sendable {
    let port: UInt16
    private let listener: Int32
    private let targetPort: UInt16
    private let dropping = Atomic<Bool>(false)
    private let sockets = Mutex<[Int32]>([])

    init(targetPort: UInt16) throws {
        self.targetPort = targetPort
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EMFILE) }
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { close(listener); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        self.listener = listener
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// While set, every byte in either direction is read and thrown away.
    /// A proxy in front of the test Redis (`REDIS_URL`), and the URL that goes through it (same
    /// credentials and database); nil when REDIS_URL is not TCP.
    static func toTestRedis() throws -> (proxy: DroppingProxy, url: String)? {
        let direct = try RedisURL(parsing: try RedisTestEnv.requireRedisURL())
        guard case let .tcp(_, port) = direct.endpoint else { return nil }
        let proxy = try DroppingProxy(targetPort: UInt16(port))
        var url = "redis://"
        if let password = direct.password { url += "\(direct.user ?? ""):\(password)@" }
        url += "127.0.0.1:\(proxy.port)/\(direct.database)"
        return (proxy, url)
    }

    func setDropping(_ value: Bool) { dropping.store(value, ordering: .sequentiallyConsistent) }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        sockets.withLock { all in for fd in all { shutdown(fd, Int32(SHUT_RDWR)) } }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { if errno == EINTR { continue }; close(listener); return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: targetPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(client); close(upstream); continue }
            sockets.withLock { $0 += [client, upstream] }
            Thread { [self] in pump(from: client, to: upstream) }.start()
            Thread { [self] in pump(from: upstream, to: client) }.start()
        }
    }

    private func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        loop: while true {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if dropping.load(ordering: .sequentiallyConsistent) { continue }
            var sent = 0
            while sent < n {
                let w = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + sent, n - sent, Int32(MSG_NOSIGNAL)) }
                if w < 0 && errno == EINTR { continue }
                if w <= 0 { break loop }
                sent += w
            }
        }
        // One side ended: end both, so the other pump stops too.
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(destination, Int32(SHUT_RDWR))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
