import VConModel

/// A store whose delete reports the version it stamped, so the cache's tombstone can carry it
/// (plain `VConStore.delete` reports only a Bool).
public protocol VersionedDeleting: Sendable {
    /// The delete's version, or nil when there was nothing to delete. Throws `StorageError`.
    func deleteReturningVersion(_ uuid: VConID) async throws -> Int64?
}

extension PostgresVConStore: VersionedDeleting {}
