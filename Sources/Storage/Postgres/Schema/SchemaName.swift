/// A validated schema name, safe to place in SQL as a quoted identifier (identifiers cannot be bound).
struct SchemaName: Sendable, Equatable {
    let name: String
    /// `"name"`, ready for SQL text.
    var quoted: String { "\"\(name)\"" }

    /// Accepts `[a-z_][a-z0-9_]*` up to 63 bytes (PostgreSQL's identifier limit); throws `.configuration`.
    init(_ name: String) throws {
        let bytes = Array(name.utf8)
        func ok(_ b: UInt8, first: Bool) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b == UInt8(ascii: "_")
                || (!first && b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        }
        guard !bytes.isEmpty, bytes.count <= 63,
              bytes.enumerated().allSatisfy({ ok($0.element, first: $0.offset == 0) }) else {
            throw StorageError(.configuration, operation: "postgres.schema",
                               message: "the schema name must match [a-z_][a-z0-9_]* (at most 63 characters)")
        }
        self.name = name
    }
}
