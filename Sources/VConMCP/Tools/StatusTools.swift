import JSONCore
import MCPProtocol
import Storage

/// get_cache_stats and server_status.
extension ToolEnvironment {
    var statusTools: [Tool] { [getCacheStats, serverStatus] }

    /// The revisions MCPProtocol serves (legacy handshake era, then the stateless one).
    static let protocolRevisions = ProtocolRevision.all.map(\.date)

    var getCacheStats: Tool {
        let counter = OutputSchemas.count
        return tool("get_cache_stats", title: "Cache statistics",
             description: "Counters of the Redis read cache since the server started: hits, misses, hit_ratio, fills, refused_fills, invalidations, errors, reconnects, plus whether it is enabled and connected, its TTL and key prefix. With no REDIS_URL the cache is disabled and every read goes to PostgreSQL.",
             input: Schema.object([]),
             output: Schema.object([
                ("enabled", Schema.boolean()), ("connected", Schema.boolean()),
                ("hits", counter), ("misses", counter), ("hit_ratio", ["type": "number", "minimum": 0, "maximum": 1]),
                ("fills", counter), ("refused_fills", counter), ("invalidations", counter), ("errors", counter),
                ("reconnects", counter), ("ttl_seconds", ["type": "integer"]), ("prefix", Schema.string()),
                ("latency_p50_us", Schema.number), ("latency_p99_us", Schema.number),
             ], required: ["enabled", "connected", "hits", "misses", "hit_ratio", "fills", "refused_fills", "invalidations",
                           "errors", "reconnects", "ttl_seconds", "prefix"]),
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true)) { _, _ in
            let s = await store.cacheStats()
            return ["enabled": .bool(s.enabled), "connected": .bool(s.connected), "hits": .int(s.hits), "misses": .int(s.misses),
                    "hit_ratio": .double(s.hitRatio), "fills": .int(s.fills), "refused_fills": .int(s.refusedFills),
                    "invalidations": .int(s.invalidations), "errors": .int(s.errors), "reconnects": .int(s.reconnects),
                    "ttl_seconds": .int(s.ttlSeconds), "prefix": .string(s.prefix),
                    "latency_p50_us": .double(s.latencyP50Micros.isFinite ? s.latencyP50Micros : 0),
                    "latency_p99_us": .double(s.latencyP99Micros.isFinite ? s.latencyP99Micros : 0)]
        }
    }

    var serverStatus: Tool {
        let service = Schema.object([("state", Schema.string(enum: ["up", "down", "disabled"])), ("detail", Schema.string())],
                                    required: ["state", "detail"])
        let readOnly = self.readOnly, version = serverVersion, budget = self.budget.maxBytes
        return tool("server_status", title: "Server status",
             description: "Reports the server's version, the MCP protocol revisions it serves and the one in use, whether it is read-only, its response budget, and the state of PostgreSQL (the store) and Redis (the optional cache). Call it when another tool says the store is unavailable.",
             input: Schema.object([]),
             output: Schema.object([
                ("name", Schema.string()), ("version", Schema.string()),
                ("protocol_revisions", Schema.array(Schema.string())), ("protocol_version", Schema.string()),
                ("read_only", Schema.boolean()), ("max_response_bytes", ["type": "integer"]),
                ("postgres", service), ("redis", service),
             ], required: ["name", "version", "protocol_revisions", "protocol_version", "read_only", "max_response_bytes", "postgres", "redis"]),
             annotations: ToolAnnotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true)) { _, context in
            async let pg = store.postgresStatus()
            async let redis = store.redisStatus()
            let (p, r) = await (pg, redis)
            return ["name": "vcon-mcp", "version": .string(version),
                    "protocol_revisions": .array(Self.protocolRevisions.map { .string($0) }),
                    "protocol_version": .string(context.protocolVersion), "read_only": .bool(readOnly),
                    "max_response_bytes": .int(budget),
                    "postgres": ["state": .string(p.state.rawValue), "detail": .string(p.detail)],
                    "redis": ["state": .string(r.state.rawValue), "detail": .string(r.detail)]]
        }
    }
}
