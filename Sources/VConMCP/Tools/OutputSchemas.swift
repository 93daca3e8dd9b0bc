import JSONCore

/// Output schemas shared by several tools. The structured results are built to conform exactly
/// (the official Python client validates them), and the unit tests check that they do.
enum OutputSchemas {
    static let nullableString: JSON = ["type": ["string", "null"]]
    static let count: JSON = ["type": "integer", "minimum": 0]

    static let metadataProperties: [(String, JSON)] = [
        ("uuid", Schema.string()), ("version", ["type": "integer"]),
        ("form", Schema.string(enum: ["unsigned", "signed", "encrypted"])),
        ("subject", nullableString), ("created_at", nullableString), ("updated_at", nullableString),
        ("first_dialog_start", nullableString),
        ("party_count", count), ("dialog_count", count), ("analysis_count", count), ("attachment_count", count),
    ]
    static let metadataRequired = metadataProperties.map(\.0)

    /// One vCon's metadata as search returns it.
    static let metadata = Schema.object(metadataProperties, required: metadataRequired)

    /// `get_vcon` metadata: the same plus the stored size.
    static let storedMetadata = Schema.object(metadataProperties + [("size_bytes", count)],
                                              required: metadataRequired + ["size_bytes"])

    static let summary: JSON = {
        let indexed: (_ fields: [(String, JSON)]) -> JSON = { fields in
            Schema.array(Schema.object([("index", count)] + fields, required: ["index"]))
        }
        let s = Schema.string()
        return Schema.object(metadataProperties + [
            ("size_bytes", count),
            ("parties", indexed([("name", s), ("tel", s), ("mailto", s), ("role", s), ("type", s), ("org", s)])),
            ("dialog", indexed([("type", s), ("start", s), ("mediatype", s), ("disposition", s), ("duration", Schema.number)])),
            ("analysis", indexed([("type", s), ("vendor", s), ("product", s)])),
            ("attachments", indexed([("purpose", s), ("mediatype", s), ("filename", s)])),
            ("tags", Schema.stringMap("The vCon's tags, key to value.")),
        ], required: metadataRequired + ["size_bytes", "parties", "dialog", "analysis", "attachments", "tags"])
    }()

    static let issue = Schema.object([("path", Schema.string()), ("code", Schema.string()), ("message", Schema.string())],
                                     required: ["path", "code", "message"])
    static let normalisation = Schema.object([("path", Schema.string()), ("change", Schema.string())],
                                             required: ["path", "change"])

    /// A page of results: `next_cursor` is null on the last page; `total_count` only when asked for.
    static func page(items: JSON, extra: [(String, JSON)] = []) -> JSON {
        Schema.object([("results", Schema.array(items)), ("next_cursor", nullableString),
                       ("total_count", ["type": "integer", "minimum": 0])] + extra,
                      required: ["results", "next_cursor"])
    }
}
