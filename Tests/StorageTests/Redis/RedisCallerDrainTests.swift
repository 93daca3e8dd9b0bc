import Dispatch
import Testing
@testable import Storage

/// A task executor of our own: every job on one serial dispatch queue (stands for the server's
/// reader thread).
private final class QueueExecutor: TaskExecutor, Sendable {
    let queue = DispatchQueue(label: "test-task-executor")
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension RedisIntegration {
    /// `drainOnCaller`: lookups on the caller's own thread, only for tasks with an executor
    /// preference and only when the context is free; every entry answered whichever way it went.
    @Suite(.enabled(if: RedisTestEnv.available)) struct CallerDrain {
        static func get(_ key: String) -> [[UInt8]] { [Array("GET".utf8), Array(key.utf8)] }

        @Test func onlyTasksWithAnExecutorPreferenceDrainOnTheirOwnThread() async throws {
            try await withServices {
                let connection = try await RedisTestEnv.rawConnection()
                let key = RedisTestEnv.uniquePrefix("caller") + "k"
                _ = try await connection.command([Array("SET".utf8), Array(key.utf8), Array("v1".utf8)], operation: "set")
                let queue = RedisPipelineQueue<RedisReply>()

                // On the pool: refused, and nothing was sent.
                let pooled = queue.enqueue(Self.get(key))
                #expect(!connection.drainOnCaller(queue, operation: "get"))
                await connection.drain(queue, operation: "get")
                #expect(try pooled.result.get().bytes == Array("v1".utf8))

                // With a preference: done right there, before drainOnCaller returns.
                let executor = QueueExecutor()
                let (went, reply) = await Task(executorPreference: executor) {
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
                let connection = try await RedisTestEnv.rawConnection()
                let queue = RedisPipelineQueue<RedisReply>()
                // The context is held (as the connection's thread holds it during a round trip):
                // here by the caller itself, so nothing has to block a thread to set this up.
                let went = await Task(executorPreference: QueueExecutor()) {
                    _ = queue.enqueue(Self.get("any"))
                    return connection.live.withLock { _ in connection.drainOnCaller(queue, operation: "get") }
                }.value
                #expect(!went, "a busy context sends the caller to the connection's thread")
                await connection.drain(queue, operation: "get")
                await connection.close()
            }
        }

        /// Direct drains and drains through the actor, interleaved: each entry gets its own value.
        @Test func mixedDrainsAnswerEveryLookup() async throws {
            try await withServices {
                let connection = try await RedisTestEnv.rawConnection()
                let prefix = RedisTestEnv.uniquePrefix("mixed")
                let count = 200
                _ = try await connection.pipeline((0..<count).map { [Array("SET".utf8), Array("\(prefix)\($0)".utf8), Array("value-\($0)".utf8)] },
                                                  operation: "set")
                let queue = RedisPipelineQueue<RedisReply>()
                let executors = (0..<4).map { _ in QueueExecutor() }
                let wrong = await withTaskGroup(of: Int.self) { group in
                    for i in 0..<count {
                        let lookup: @Sendable () async -> Int = {
                            let entry = queue.enqueue(Self.get("\(prefix)\(i)"))
                            if !connection.drainOnCaller(queue, operation: "get") {
                                await connection.drain(queue, operation: "get")
                            }
                            return (try? entry.result.get())?.bytes == Array("value-\(i)".utf8) ? 0 : 1
                        }
                        if i % 2 == 0 {
                            group.addTask(executorPreference: executors[i % 4]) { await lookup() }
                        } else {
                            group.addTask { await lookup() }
                        }
                    }
                    return await group.reduce(0, +)
                }
                #expect(wrong == 0)
                _ = try await connection.pipeline([[Array("DEL".utf8)] + (0..<count).map { Array("\(prefix)\($0)".utf8) }], operation: "del")
                await connection.close()
            }
        }
    }
}
