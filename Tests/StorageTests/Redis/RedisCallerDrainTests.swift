import Dispatch
import Foundation
import Testing
@testable import Storage

/// A task executor of our own: every job on one serial dispatch queue, which is marked, so that
/// `mayBlock` is true on it and nowhere else (as the server's reader thread is marked).
private final class MarkedQueueExecutor: TaskExecutor, Sendable {
    private static let mark = DispatchSpecificKey<Bool>()
    let queue = DispatchQueue(label: "test-marked-executor")
    init() { queue.setSpecific(key: Self.mark, value: true) }
    static let mayBlock: @Sendable () -> Bool = { DispatchQueue.getSpecific(key: mark) == true }
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension RedisIntegration {
    /// `drainOnCaller`: a lookup on the caller's own thread, only where the connection's
    /// `callerMayBlock` allows it and only when the context is free; every entry answered
    /// whichever way it went.
    @Suite(.enabled(if: RedisTestEnv.available)) struct CallerDrain {
        static func get(_ key: String) -> [[UInt8]] { [Array("GET".utf8), Array(key.utf8)] }

        func open() async throws -> RedisConnection {
            let connection = RedisConnection(url: try RedisURL(parsing: try RedisTestEnv.requireRedisURL()),
                                             connectTimeoutMillis: 1000, commandTimeoutMillis: 1000, name: "test-caller",
                                             callerMayBlock: MarkedQueueExecutor.mayBlock)
            try await connection.connect()
            return connection
        }

        @Test func onlyThreadsThatMayBlockDrainOnTheirOwn() async throws {
            try await withServices {
                let connection = try await open()
                let key = RedisTestEnv.uniquePrefix("caller") + "k"
                _ = try await connection.command([Array("SET".utf8), Array(key.utf8), Array("v1".utf8)], operation: "set")
                let queue = RedisPipelineQueue<RedisReply>()

                // On the pool: refused, and nothing was sent.
                let pooled = queue.enqueue(Self.get(key))
                #expect(!connection.drainOnCaller(queue, operation: "get"))
                await connection.drain(queue, operation: "get")
                #expect(try pooled.result.get().bytes == Array("v1".utf8))

                // On the marked thread: done right there, before drainOnCaller returns.
                let (went, reply) = await Task(executorPreference: MarkedQueueExecutor()) {
                    let entry = queue.enqueue(Self.get(key))
                    let went = connection.drainOnCaller(queue, operation: "get")
                    return (went, try? entry.result.get())
                }.value
                #expect(went)
                #expect(reply?.bytes == Array("v1".utf8))
                await connection.close()
            }
        }

        @Test func aBusyContextIsNeverWaitedFor() async throws {
            try await withServices {
                let connection = try await open()
                let queue = RedisPipelineQueue<RedisReply>()
                let release = DispatchSemaphore(value: 0)
                // A thread of its own holds the context (as the connection's thread does during a
                // round trip); only that thread waits, never one of the pool.
                await withCheckedContinuation { (held: CheckedContinuation<Void, Never>) in
                    Thread {
                        connection.live.withLock { _ in
                            held.resume()
                            release.wait()
                        }
                    }.start()
                }
                let went = await Task(executorPreference: MarkedQueueExecutor()) {
                    _ = queue.enqueue(Self.get("any"))
                    return connection.drainOnCaller(queue, operation: "get")
                }.value
                release.signal()
                #expect(!went, "a busy context sends the caller to the connection's thread")
                await connection.drain(queue, operation: "get")
                await connection.close()
            }
        }

        /// Direct drains and drains through the actor, interleaved: each entry gets its own value.
        @Test func mixedDrainsAnswerEveryLookup() async throws {
            try await withServices {
                let connection = try await open()
                let prefix = RedisTestEnv.uniquePrefix("mixed")
                let count = 200
                _ = try await connection.pipeline((0..<count).map { [Array("SET".utf8), Array("\(prefix)\($0)".utf8), Array("value-\($0)".utf8)] },
                                                  operation: "set")
                let queue = RedisPipelineQueue<RedisReply>()
                let executors = (0..<4).map { _ in MarkedQueueExecutor() }
                let (wrong, direct) = await withTaskGroup(of: (Int, Int).self) { group in
                    for i in 0..<count {
                        let lookup: @Sendable () async -> (Int, Int) = {
                            let entry = queue.enqueue(Self.get("\(prefix)\(i)"))
                            let went = connection.drainOnCaller(queue, operation: "get")
                            if !went { await connection.drain(queue, operation: "get") }
                            return ((try? entry.result.get())?.bytes == Array("value-\(i)".utf8) ? 0 : 1, went ? 1 : 0)
                        }
                        if i % 2 == 0 {
                            group.addTask(executorPreference: executors[i % 4]) { await lookup() }
                        } else {
                            group.addTask { await lookup() }
                        }
                    }
                    return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
                }
                #expect(wrong == 0)
                // How many went direct depends on timing (a marked caller that finds the context busy
                // goes through the actor); that only marked callers ever do is certain.
                #expect(direct <= count / 2, "only the marked threads drain in place (\(direct))")
                _ = try await connection.pipeline([[Array("DEL".utf8)] + (0..<count).map { Array("\(prefix)\($0)".utf8) }], operation: "del")
                await connection.close()
            }
        }
    }
}
