import JSONCore
import MCPProtocol
import Storage
import VConModel

/// manage_tag, get_tags, remove_all_tags, search_by_tags, get_unique_tags.
extension ToolEnvironment {
    var tagWriteTools: [Tool] { [manageTag, removeAllTags] }
    var tagReadTools: [Tool] { [getTags, searchByTags, getUniqueTags] }

    var manageTag: Tool {
        tool("manage_tag", title: "Set or remove a tag",
             description: """
             Sets (action "set", with value; replaces an existing value of that key) or removes (action "remove") \
             one tag of a vCon. Tags are key/value labels such as department=sales, stored in the vCon's tags \
             attachment; search_by_tags finds vCons by them.
             """,
             input: Schema.object([
                ("vcon_uuid", Schema.uuid),
                ("action", Schema.string("set or remove.", enum: ["set", "remove"])),
                ("key", Schema.string("Tag key, without ':'.")),
                ("value", Schema.string("Tag value (required for set).")),
             ], required: ["vcon_uuid", "action", "key"]),
             output: Schema.object([
                ("vcon_uuid", Schema.string()), ("action", Schema.string(enum: ["set", "remove"])),
                ("key", Schema.string()), ("value", OutputSchemas.nullableString), ("version", ["type": "integer"]),
             ], required: ["vcon_uuid", "action", "key", "value", "version"]),
             annotations: ToolAnnotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true)) { args, _ in
            let uuid = try args.uuid("vcon_uuid")
            let action = try args.choice("action", of: ["set", "remove"], default: "")
            guard !action.isEmpty else { throw ArgumentError(message: "Argument 'action' is required: set or remove.") }
            let key = try args.requiredString("key")
            guard !key.contains(":") else { throw ArgumentError(message: "A tag key cannot contain ':' (tags are stored as key:value); choose another key.") }
            let value = try args.string("value")
            let write: WriteResult
            if action == "set" {
                guard let value else { throw ArgumentError(message: "Argument 'value' is required with action \"set\".") }
                write = try await storage(uuid) { try await store.setTag(uuid, key: key, value: value) }
            } else {
                write = try await storage(uuid) { try await store.removeTag(uuid, key: key) }
            }
            return ["vcon_uuid": .string(uuid.string), "action": .string(action), "key": .string(key),
                    "value": action == "set" ? value.map(JSON.string) ?? .null : .null, "version": .int(Int(write.version))]
        }
    }

    var getTags: Tool {
        tool("get_tags", title: "Get a vCon's tags",
             description: "Returns the tags of a vCon as an object of key to value; with key, also that tag's value (null when not set).",
             input: Schema.object([("vcon_uuid", Schema.uuid), ("key", Schema.string("Only this tag."))], required: ["vcon_uuid"]),
             output: Schema.object([
                ("vcon_uuid", Schema.string()), ("tags", Schema.stringMap("Tag key to value.")), ("value", OutputSchemas.nullableString),
             ], required: ["vcon_uuid", "tags"]),
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true)) { args, _ in
            let uuid = try args.uuid("vcon_uuid")
            let key = try args.string("key")
            guard let tags = try await storage(uuid, { try await store.tags(of: uuid) }) else { throw ToolFailure.notFound(uuid) }
            var map = JSONObject()
            for tag in tags where key == nil || tag.key == key { map[tag.key] = .string(tag.value) }
            var out: JSONObject = ["vcon_uuid": .string(uuid.string), "tags": .object(map)]
            if let key { out["value"] = map[key] ?? .null }
            return .object(out)
        }
    }

    var removeAllTags: Tool {
        tool("remove_all_tags", title: "Remove all tags of a vCon",
             description: "Removes every tag of a vCon (the rest of the vCon is unchanged).",
             input: Schema.object([("vcon_uuid", Schema.uuid)], required: ["vcon_uuid"]),
             output: Schema.object([("vcon_uuid", Schema.string()), ("version", ["type": "integer"])], required: ["vcon_uuid", "version"]),
             annotations: ToolAnnotations(readOnlyHint: false, destructiveHint: true, idempotentHint: true)) { args, _ in
            let uuid = try args.uuid("vcon_uuid")
            let write = try await storage(uuid) { try await store.removeAllTags(uuid) }
            return ["vcon_uuid": .string(uuid.string), "version": .int(Int(write.version))]
        }
    }

    var searchByTags: Tool {
        tool("search_by_tags", title: "Find vCons by tags",
             description: "Finds vCons that carry all the given tags (exact key and value), newest first, with their metadata. Pass next_cursor back as cursor for the next page.",
             input: Schema.object([("tags", Schema.stringMap("Tags that must all match, e.g. {\"department\": \"sales\", \"priority\": \"high\"}."))]
                                  + SearchArguments.pagingProperties(defaultLimit: 50, maxLimit: 1000), required: ["tags"]),
             output: OutputSchemas.page(items: OutputSchemas.metadata),
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true)) { args, _ in
            let tags = try args.tags("tags")
            guard !tags.isEmpty else { throw ArgumentError(message: "Argument 'tags' needs at least one key/value pair; get_unique_tags lists the tags in use.") }
            let query = VConSearchQuery(filter: VConFilter(tags: tags), limit: try args.int("limit", default: 50, range: 1...1000),
                                        cursor: try args.string("cursor"), includeCount: try args.bool("include_count", default: false))
            let page = try await storage { try await store.search(query) }
            return Self.page(page.items.map(VConDigest.metadata(of:)), next: page.nextCursor, total: page.totalCount)
        }
    }

    var getUniqueTags: Tool {
        tool("get_unique_tags", title: "List the tags in use",
             description: "Lists the distinct tag keys and key/value pairs used across all vCons, optionally only keys starting with key_filter, with how many vCons carry each when include_counts is true.",
             input: Schema.object([
                ("key_filter", Schema.string("Only tags whose key starts with this.")),
                ("include_counts", Schema.boolean("Add the number of vCons per tag (default false).")),
             ]),
             output: Schema.object([
                ("keys", Schema.array(Schema.string())),
                ("tags", Schema.array(Schema.object([("key", Schema.string()), ("value", Schema.string()), ("count", OutputSchemas.count)],
                                                    required: ["key", "value"]))),
             ], required: ["keys", "tags"]),
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true)) { args, _ in
            let prefix = try args.string("key_filter")
            let counts = try args.bool("include_counts", default: false)
            let tags = try await storage { try await store.uniqueTags(keyPrefix: prefix?.isEmpty == true ? nil : prefix) }
            var keys: [String] = []
            for tag in tags where !keys.contains(tag.key) { keys.append(tag.key) }
            return ["keys": .array(keys.map { .string($0) }),
                    "tags": .array(tags.map { tag in
                        var o: JSONObject = ["key": .string(tag.key), "value": .string(tag.value)]
                        if counts { o["count"] = .int(tag.count) }
                        return .object(o)
                    })]
        }
    }
}
