import JSONCore
import MCPProtocol
import Storage
import VConModel

/// search_vcons and search_vcons_content.
extension ToolEnvironment {
    var searchTools: [Tool] { [searchVCons, searchContent] }

    /// A search result item: `uuid` always; metadata fields for metadata and full; `vcon` for full.
    static let searchItem: JSON = Schema.object(OutputSchemas.metadataProperties + [("vcon", Schema.anyObject())], required: ["uuid"])

    var searchVCons: Tool {
        tool("search_vcons", title: "Search vCons by metadata",
             description: """
             Finds vCons by subject, party (name, phone, email), dates and tags; all given filters must match. \
             Newest first. response_format: "metadata" (default: subject, dates, counts), "ids_only" (just uuids) \
             or "full" (whole vCons; keep limit small). Pass next_cursor back as cursor for the next page; \
             next_cursor is null on the last page. For words inside the conversation use search_vcons_content.
             """,
             input: Schema.object(SearchArguments.filterProperties + SearchArguments.pagingProperties(defaultLimit: 50, maxLimit: 1000) + [
                ("response_format", Schema.string("metadata (default), ids_only or full.", enum: ["metadata", "ids_only", "full"])),
             ]),
             output: OutputSchemas.page(items: Self.searchItem, extra: [("response_format", Schema.string(enum: ["metadata", "ids_only", "full"]))]),
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true),
             lessAdvice: "Ask for less: a smaller limit, or response_format \"metadata\" or \"ids_only\" and then get_vcon for the vCons you need.") { args, _ in
            let format = try args.choice("response_format", of: ["metadata", "ids_only", "full"], default: "metadata")
            let query = VConSearchQuery(filter: try SearchArguments.filter(args),
                                        limit: try args.int("limit", default: 50, range: 1...1000),
                                        cursor: try args.string("cursor"),
                                        includeCount: try args.bool("include_count", default: false))
            let page = try await storage { try await store.search(query) }
            var results: [JSON] = []
            for item in page.items {
                switch format {
                case "ids_only": results.append(["uuid": .string(item.uuid.string)])
                case "full":
                    // A vCon deleted between the search and this read is left out, not an error.
                    guard let stored = try await storage(item.uuid, { try await store.get(item.uuid) }) else { continue }
                    guard case var .object(o) = VConDigest.metadata(of: item) else { continue }
                    o["vcon"] = .raw(stored.document)
                    results.append(.object(o))
                default: results.append(VConDigest.metadata(of: item))
                }
            }
            return Self.page(results, next: page.nextCursor, total: page.totalCount, extra: ["response_format": .string(format)])
        }
    }

    static let contentHit: JSON = Schema.object(OutputSchemas.metadataProperties + [
        ("rank", Schema.number), ("snippets", Schema.array(Schema.string(), "Matching fragments, matches marked «like this».")),
    ], required: OutputSchemas.metadataRequired + ["rank", "snippets"])

    var searchContent: Tool {
        tool("search_vcons_content", title: "Search inside conversations",
             description: """
             Full-text search over subjects, text dialog, transcripts and summaries, ranked by relevance, with \
             snippets that show the matches «like this». query uses web-search syntax: words (all must match), \
             "a phrase", OR, -excluded. The metadata filters of search_vcons apply too. Pass next_cursor back as \
             cursor for the next page.
             """,
             input: Schema.object([("query", Schema.string("What to look for, e.g. \"refund\" OR \"chargeback\" -test."))]
                                  + SearchArguments.filterProperties + SearchArguments.pagingProperties(defaultLimit: 20, maxLimit: 200),
                                  required: ["query"]),
             output: OutputSchemas.page(items: Self.contentHit),
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true)) { args, _ in
            let query = ContentSearchQuery(text: try args.requiredString("query"), filter: try SearchArguments.filter(args),
                                           limit: try args.int("limit", default: 20, range: 1...200),
                                           cursor: try args.string("cursor"),
                                           includeCount: try args.bool("include_count", default: false))
            let page = try await storage { try await store.searchContent(query) }
            let results: [JSON] = page.hits.map { hit in
                guard case var .object(o) = VConDigest.metadata(of: hit.summary) else { return .null }
                o["rank"] = .double(hit.rank.isFinite ? hit.rank : 0)
                o["snippets"] = .array(hit.snippets.map { .string($0) })
                return .object(o)
            }
            return Self.page(results, next: page.nextCursor, total: page.totalCount)
        }
    }

    static func page(_ results: [JSON], next: String?, total: Int?, extra: JSONObject = [:]) -> JSON {
        var o: JSONObject = ["results": .array(results), "next_cursor": next.map(JSON.string) ?? .null]
        if let total { o["total_count"] = .int(total) }
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }
}
