import JSONCore
import VConModel

extension PostgresVConStore {
    public func create(_ vcon: IngestResult, replace: Bool) async throws -> WriteResult {
        let operation = "vcon.create"
        guard let uuid = vcon.uuid, vcon.isValid else {
            throw StorageError(.invalid, operation: operation, message: "the vCon is not valid",
                               issues: vcon.errors.map(\.summary))
        }
        let sql = self.sql
        return try await pool.run(operation) { c in
            try c.transaction(operation) {
                if let version = try c.writeDocument(sql, uuid: uuid, bytes: vcon.bytes, document: vcon.document,
                                                     form: vcon.form, insert: true, operation: operation) {
                    return WriteResult(uuid: uuid, version: version, created: true)
                }
                // The uuid exists (maybe inserted a moment ago by another session): compare under the row lock.
                let rows = try c.query(sql.lockDocument, [.text(uuid.string)], operation: operation)
                guard !rows.isEmpty, let stored = rows.bytes(0, 0), let version = rows.int64(0, 2) else {
                    throw StorageError(.conflict, operation: operation, message: "the vCon changed concurrently; retry")
                }
                if vcon.describesSameVCon(asStored: stored) { return WriteResult(uuid: uuid, version: version, created: false) }
                guard replace else {
                    throw StorageError(.conflict, operation: operation,
                                       message: "a different vCon is stored under this uuid (ask to replace it)")
                }
                let replaced = try c.writeDocument(sql, uuid: uuid, bytes: vcon.bytes, document: vcon.document,
                                                   form: vcon.form, insert: false, operation: operation)
                return WriteResult(uuid: uuid, version: replaced ?? version, created: false)
            }
        }
    }

    public func update(_ uuid: VConID, mergePatch: JSON) async throws -> WriteResult {
        let operation = "vcon.update"
        guard case let .object(patch) = mergePatch else {
            throw StorageError(.invalid, operation: operation, message: "the merge patch must be a JSON object",
                               issues: [.init(path: "$", code: "patch_not_object", message: "a merge patch over a vCon must be an object")])
        }
        let result = try await mutate(uuid, operation: operation) { document in
            var issues: [StorageError.IssueSummary] = []
            for key in ["uuid", "created_at"] {
                if let value = patch[key], value != (document[key] ?? .null) {
                    issues.append(.init(path: key, code: "immutable_field", message: "\(key) cannot be changed"))
                }
            }
            guard issues.isEmpty else {
                throw StorageError(.invalid, operation: operation, message: "the patch changes an immutable field", issues: issues)
            }
            return (document.applyingMergePatch(mergePatch), ())
        }
        return result.write
    }

    public func delete(_ uuid: VConID) async throws -> Bool {
        try await deleteReturningVersion(uuid) != nil
    }

    /// Deletes a vCon; returns the version stamped on the delete (from the global sequence, so greater
    /// than every earlier version of this uuid), or nil when there was nothing to delete.
    public func deleteReturningVersion(_ uuid: VConID) async throws -> Int64? {
        let sql = self.sql
        return try await pool.run("vcon.delete") { c in
            // In a transaction, so a session found dead is found dead at BEGIN, where the pool's
            // one retry is safe; a lone DELETE could have committed before its reply was lost.
            try c.transaction("vcon.delete") {
                let rows = try c.query(sql.deleteReturningVersion, [.text(uuid.string)], operation: "vcon.delete")
                return rows.isEmpty ? nil : rows.int64(0, 0)
            }
        }
    }

    public func append(_ uuid: VConID, to section: VConSection, element: JSON) async throws -> AppendResult {
        let result = try await mutate(uuid, operation: "vcon.append.\(section.rawValue)") { document in
            guard case var .object(object) = document else { return (document, 0) }
            var items = object[section.rawValue]?.arrayValue ?? []
            let index = items.count
            items.append(element)
            object[section.rawValue] = .array(items)
            return (.object(object), index)
        }
        return AppendResult(uuid: uuid, version: result.write.version, index: result.value)
    }

    /// Read-modify-write of one document under its row lock, in one transaction: `change` gets the
    /// parsed document and returns the new one (nil document: nothing to write); `updated_at` is set,
    /// the result validated strictly, then written with its derived data.
    func mutate<T: Sendable>(_ uuid: VConID, operation: String,
                             _ change: @escaping @Sendable (JSON) throws -> (JSON?, T)) async throws -> (write: WriteResult, value: T) {
        let sql = self.sql
        return try await pool.run(operation) { c in
            try c.transaction(operation) {
                let rows = try c.query(sql.lockDocument, [.text(uuid.string)], operation: operation)
                guard !rows.isEmpty, let bytes = rows.bytes(0, 0), let version = rows.int64(0, 2) else {
                    throw StorageError(.notFound, operation: operation, message: "no vCon with this uuid")
                }
                guard rows.string(0, 1) == VConForm.unsigned.rawValue else {
                    throw StorageError(.invalid, operation: operation, message: "a signed or encrypted vCon cannot be modified",
                                       issues: [.init(path: "$", code: "immutable_form",
                                                      message: "signed and encrypted vCons are stored as received")])
                }
                guard let document = try? JSON.parse(bytes) else {
                    throw StorageError(.internal, operation: operation, message: "the stored document does not parse")
                }
                let (changed, value) = try change(document)
                guard var next = changed, case var .object(object) = next else {
                    return (WriteResult(uuid: uuid, version: version, created: false), value)
                }
                object["updated_at"] = .string(VConBuilder.now())
                next = .object(object)
                let checked = VConIngest.ingest(next, mode: .strict)
                guard checked.errors.isEmpty, checked.uuid == uuid else {
                    var issues = checked.errors.map(\.summary)
                    if checked.uuid != uuid {
                        issues.append(.init(path: "uuid", code: "immutable_field", message: "uuid cannot be changed"))
                    }
                    throw StorageError(.invalid, operation: operation, message: "the result is not a valid vCon", issues: issues)
                }
                guard let newVersion = try c.writeDocument(sql, uuid: uuid, bytes: checked.bytes, document: checked.document,
                                                           form: .unsigned, insert: false, operation: operation) else {
                    throw StorageError(.notFound, operation: operation, message: "no vCon with this uuid")
                }
                return (WriteResult(uuid: uuid, version: newVersion, created: false), value)
            }
        }
    }
}

extension ValidationIssue {
    var summary: StorageError.IssueSummary { .init(path: path, code: code, message: message) }
}
