import Storage
import VConModel

extension ToolEnvironment {
    /// Runs a storage call, turning a `StorageError` into advice that names the uuid involved.
    /// Cancellation is rethrown so the server drops the response as the protocol says.
    func storage<T: Sendable>(_ uuid: VConID? = nil, _ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as StorageError {
            if error.code == .cancelled { throw CancellationError() }
            logger.debug("storage call failed", metadata: ["error": "\(error)"])
            throw ToolFailure.from(error, uuid: uuid)
        }
    }

    /// The stored vCon, or a not-found failure that tells the model how to find a valid uuid.
    func existing(_ uuid: VConID) async throws -> StoredVCon {
        guard let stored = try await storage(uuid, { try await store.get(uuid) }) else { throw ToolFailure.notFound(uuid) }
        return stored
    }
}
