import JSONCore
import MCPProtocol
import Storage
import VConModel

/// create_vcon, get_vcon, update_vcon, delete_vcon.
extension ToolEnvironment {
    static let creationFields = ["parties", "subject", "dialog", "analysis", "attachments", "extensions", "critical"]

    var lifecycleTools: [Tool] { [createVCon, getVCon, updateVCon, deleteVCon] }

    var createVCon: Tool {
        tool("create_vcon", title: "Create a vCon",
             description: """
             Stores a new vCon (virtual conversation record). Either pass `vcon`, a whole vCon object (legacy \
             fields are normalised and reported, then it is validated strictly), or pass fields (`parties`, \
             `subject`, `dialog`, `analysis`, `attachments`, `extensions`, `critical`) and the server builds a \
             vCon with a new UUIDv8 and created_at. Returns the uuid to use with the other tools. Storing the \
             same vCon twice is harmless; a different vCon under an existing uuid is refused (use update_vcon).
             """,
             input: Schema.object([
                ("vcon", Schema.anyObject("A complete vCon object (uuid, created_at, parties, dialog …). Not with the fields below.")),
                ("subject", Schema.string("Subject of the conversation.")),
                ("parties", Schema.array(Schema.anyObject(), "Parties: objects with name, tel, mailto …")),
                ("dialog", Schema.array(Schema.anyObject(), "Dialog entries: objects with type, start, parties, body, encoding …")),
                ("analysis", Schema.array(Schema.anyObject(), "Analysis entries: objects with type, vendor, body, encoding …")),
                ("attachments", Schema.array(Schema.anyObject(), "Attachments: objects with purpose, party, body, encoding …")),
                ("extensions", Schema.array(Schema.string(), "Names of extensions the vCon uses.")),
                ("critical", Schema.array(Schema.string(), "Extensions a reader must support.")),
             ]),
             output: Schema.object([
                ("uuid", Schema.string()), ("version", ["type": "integer"]),
                ("created", Schema.boolean("False when exactly this vCon was already stored.")),
                ("form", Schema.string(enum: ["unsigned", "signed", "encrypted"])),
                ("warnings", Schema.array(OutputSchemas.issue)),
                ("normalisations", Schema.array(OutputSchemas.normalisation)),
             ], required: ["uuid", "version", "created", "form", "warnings", "normalisations"]),
             annotations: ToolAnnotations(readOnlyHint: false, destructiveHint: false, idempotentHint: false)) { args, _ in
            let ingest = try Self.ingestForCreate(args)
            guard ingest.isValid, let uuid = ingest.uuid else { throw ToolFailure.invalid(ingest.issues, what: "The vCon") }
            let write = try await storage(uuid) { try await store.create(ingest, replace: false) }
            return .object([
                "uuid": .string(write.uuid.string), "version": .int(Int(write.version)), "created": .bool(write.created),
                "form": .string(ingest.form.rawValue),
                "warnings": .array(ingest.warnings.map { ["path": .string($0.path), "code": .string($0.code), "message": .string($0.message)] }),
                "normalisations": .array(ingest.normalisations.map { ["path": .string($0.path), "change": .string($0.change)] }),
            ])
        }
    }

    static func ingestForCreate(_ args: ToolArguments) throws -> IngestResult {
        let given = creationFields.filter { args.object[$0].map { !$0.isNull } ?? false }
        if let vcon = try args.object("vcon") {
            guard given.isEmpty else {
                throw ArgumentError(message: "Give either 'vcon' (a whole vCon) or fields (\(given.joined(separator: ", "))), not both.")
            }
            let ingest = VConIngest.ingest(.object(vcon), mode: .lenient)
            if ingest.uuid == nil, ingest.errors.isEmpty {
                throw ToolFailure(message: "The vCon has no usable uuid. Add a \"uuid\" (8-4-4-4-12 hex), or pass the fields without 'vcon' and the server assigns one.")
            }
            return ingest
        }
        var fields = JSONObject()
        for key in given {
            let value = args.object[key]!
            if key == "subject" {
                guard value.stringValue != nil else { throw ArgumentError(message: "Argument 'subject' must be a string, got \(value.kindName).") }
            } else if value.arrayValue == nil {
                throw ArgumentError(message: "Argument '\(key)' must be an array, got \(value.kindName).")
            }
            fields[key] = value
        }
        return VConIngest.ingest(VConBuilder.build(fields: fields), mode: .lenient)
    }

    var getVCon: Tool {
        tool("get_vcon", title: "Get a vCon",
             description: """
             Reads one vCon by uuid. response_format "full" (default) returns the stored vCon exactly as stored \
             under "vcon"; "summary" returns counts plus the parties, dialog, analysis and attachments in brief \
             and the tags, under "summary"; "metadata" returns only subject, dates and counts, under "metadata". \
             Large vCons (inline recordings) may exceed the response budget in full: use summary or metadata then.
             """,
             input: Schema.object([
                ("uuid", Schema.uuid),
                ("response_format", Schema.string("full (default), summary or metadata.", enum: ["full", "summary", "metadata"])),
             ], required: ["uuid"]),
             output: ["type": "object",
                      "properties": ["vcon": Schema.anyObject("The stored vCon (response_format full)."),
                                     "summary": OutputSchemas.summary, "metadata": OutputSchemas.storedMetadata],
                      "minProperties": 1, "maxProperties": 1, "additionalProperties": false],
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true),
             lessAdvice: "Ask for less: call get_vcon with response_format \"summary\" or \"metadata\", or read one section through the resources vcon://v1/vcons/{uuid}/parties, /dialog, /analysis, /attachments or /transcript.") { args, _ in
            let uuid = try args.uuid("uuid")
            let format = try args.choice("response_format", of: ["full", "summary", "metadata"], default: "full")
            let stored = try await existing(uuid)
            if format == "full" { return ["vcon": .raw(stored.document)] }
            let document = try stored.document.parsed()
            return format == "summary" ? ["summary": VConDigest.summary(of: stored, document: document)]
                                       : ["metadata": VConDigest.metadata(of: stored, document: document)]
        }
    }

    var updateVCon: Tool {
        tool("update_vcon", title: "Update a vCon",
             description: """
             Changes top-level fields of a stored vCon with a JSON merge patch (RFC 7396): each member of \
             `updates` replaces that field, null removes it. uuid and created_at cannot change; updated_at is set \
             by the server. The result is validated before it is stored. To append a party, dialog, analysis or \
             attachment use add_party, add_dialog, add_analysis or add_attachment instead (entries are never reordered).
             """,
             input: Schema.object([
                ("uuid", Schema.uuid),
                ("updates", Schema.anyObject("Merge patch over top-level fields, e.g. {\"subject\": \"New subject\"}.")),
             ], required: ["uuid", "updates"]),
             output: Schema.object([("uuid", Schema.string()), ("version", ["type": "integer"])], required: ["uuid", "version"]),
             annotations: ToolAnnotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true)) { args, _ in
            let uuid = try args.uuid("uuid")
            let updates = try args.requiredObject("updates")
            for key in ["uuid", "created_at"] where updates.contains(key) {
                throw ArgumentError(message: "'\(key)' cannot be changed; remove it from 'updates'. To store a vCon under another uuid, use create_vcon.")
            }
            guard !updates.isEmpty else { throw ArgumentError(message: "'updates' is empty: give the fields to change, e.g. {\"subject\": \"…\"}.") }
            let write = try await storage(uuid) { try await store.update(uuid, mergePatch: .object(updates)) }
            return ["uuid": .string(write.uuid.string), "version": .int(Int(write.version))]
        }
    }

    var deleteVCon: Tool {
        tool("delete_vcon", title: "Delete a vCon",
             description: "Deletes a stored vCon and its tags permanently. Returns deleted: false when no vCon had that uuid (deleting twice is harmless).",
             input: Schema.object([("uuid", Schema.uuid)], required: ["uuid"]),
             output: Schema.object([("uuid", Schema.string()), ("deleted", Schema.boolean())], required: ["uuid", "deleted"]),
             annotations: ToolAnnotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true)) { args, _ in
            let uuid = try args.uuid("uuid")
            let deleted = try await storage(uuid) { try await store.delete(uuid) }
            return ["uuid": .string(uuid.string), "deleted": .bool(deleted)]
        }
    }
}
