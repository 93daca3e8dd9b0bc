import VConModel

extension PostgresVConStore {
    /// Metadata search, newest first (created_at DESC, uuid ASC), keyset-paginated.
    public func search(_ query: VConSearchQuery) async throws -> VConSearchPage {
        let operation = "vcon.search"
        let limit = max(1, min(query.limit, 1000))
        let fingerprint = SearchCursor.fingerprint(SearchFilterSQL.fingerprintParts(query.filter))
        let cursor = try query.cursor.map {
            try SearchCursor.decode($0, kind: .search, query: fingerprint, operation: operation)
        }
        var filter = SearchFilterSQL(schema: sql.schema)
        filter.apply(query.filter)
        let countSQL = "SELECT count(*) FROM \(sql.vcons) v WHERE \(filter.whereClause)"
        let countParameters = filter.parameters
        if let cursor {
            let at = filter.bind(.text(cursor.key)), id = filter.bind(.text(cursor.uuid))
            filter.add("v.created_at <= \(at)::timestamptz AND (v.created_at < \(at)::timestamptz OR v.uuid > \(id)::uuid)")
        }
        let pageSQL = """
            SELECT \(sql.summaryColumns) FROM \(sql.vcons) v WHERE \(filter.whereClause)
            ORDER BY v.created_at DESC, v.uuid LIMIT \(filter.bind(.int(limit + 1)))
            """
        let parameters = filter.parameters
        let includeCount = query.includeCount
        return try await pool.run(operation) { c in
            let rows = try c.query(pageSQL, parameters, operation: operation)
            let items = (0..<min(rows.count, limit)).map { Self.summary(rows, $0) }
            var next: String?
            if rows.count > limit, let last = items.last, let key = rows.string(limit - 1, 11) {
                next = SearchCursor(kind: .search, key: key, uuid: last.uuid.string, query: fingerprint).encoded
            }
            var total: Int?
            if includeCount { total = try c.query(countSQL, countParameters, operation: operation).int(0, 0) }
            return VConSearchPage(items: items, nextCursor: next, totalCount: total)
        }
    }

    /// Full-text search (websearch syntax) over the weighted vector (A subject, B analysis, C dialog),
    /// best rank first, then uuid; keyset-paginated on (rank, uuid) with a cursor bound to the query.
    /// Snippets come from `ts_headline` with matches in «…».
    public func searchContent(_ query: ContentSearchQuery) async throws -> ContentSearchPage {
        let operation = "vcon.search_content"
        let limit = max(1, min(query.limit, 1000))
        let fingerprint = SearchCursor.fingerprint([query.text] + SearchFilterSQL.fingerprintParts(query.filter))
        let cursor = try query.cursor.map {
            try SearchCursor.decode($0, kind: .content, query: fingerprint, operation: operation)
        }
        var filter = SearchFilterSQL(schema: sql.schema, startingWith: [.text(query.text)])
        filter.add("v.search @@ q.q")
        filter.apply(query.filter)
        let matches = "FROM \(sql.vcons) v, websearch_to_tsquery('english', $1) AS q(q) WHERE \(filter.whereClause)"
        let countSQL = "SELECT count(*) \(matches)"
        let countParameters = filter.parameters
        var keyset = "TRUE"
        if let cursor {
            let rank = filter.bind(.text(cursor.key)), id = filter.bind(.text(cursor.uuid))
            keyset = "(h.rank < \(rank)::real OR (h.rank = \(rank)::real AND h.uuid > \(id)::uuid))"
        }
        // Headlines are costly: computed only for the rows of the page (outer query).
        let headline = "StartSel=«, StopSel=», MaxFragments=3, MinWords=5, MaxWords=18, FragmentDelimiter=\u{1E}"
        let pageSQL = """
            SELECT p.*, ts_headline('english', p.search_text, p.q, '\(headline)')
            FROM (
                SELECT h.* FROM (
                    SELECT \(sql.summaryColumns), ts_rank(v.search, q.q) AS rank, v.search_text, q.q \(matches)
                ) h
                WHERE \(keyset)
                ORDER BY h.rank DESC, h.uuid LIMIT \(filter.bind(.int(limit + 1)))
            ) p
            ORDER BY p.rank DESC, p.uuid
            """
        let parameters = filter.parameters
        let includeCount = query.includeCount
        return try await pool.run(operation) { c in
            let rows = try c.query(pageSQL, parameters, operation: operation)
            let hits = (0..<min(rows.count, limit)).map { r in
                ContentHit(summary: Self.summary(rows, r), rank: rows.double(r, 12) ?? 0,
                           snippets: Self.snippets(rows.string(r, 15) ?? ""))
            }
            var next: String?
            if rows.count > limit, let last = hits.last, let key = rows.string(limit - 1, 12) {
                next = SearchCursor(kind: .content, key: key, uuid: last.summary.uuid.string, query: fingerprint).encoded
            }
            var total: Int?
            if includeCount { total = try c.query(countSQL, countParameters, operation: operation).int(0, 0) }
            return ContentSearchPage(hits: hits, nextCursor: next, totalCount: total)
        }
    }

    static func summary(_ rows: PGRows, _ r: Int) -> VConSummary {
        VConSummary(uuid: rows.string(r, 0).flatMap(VConID.init) ?? VConID("00000000-0000-0000-0000-000000000000")!,
                    version: rows.int64(r, 1) ?? 0, subject: rows.string(r, 2), createdAt: rows.string(r, 3),
                    updatedAt: rows.string(r, 4), firstDialogStart: rows.string(r, 5),
                    partyCount: rows.int(r, 6) ?? 0, dialogCount: rows.int(r, 7) ?? 0,
                    analysisCount: rows.int(r, 8) ?? 0, attachmentCount: rows.int(r, 9) ?? 0,
                    form: rows.string(r, 10).flatMap(VConForm.init(rawValue:)) ?? .unsigned)
    }

    static func snippets(_ headline: String) -> [String] {
        headline.split(separator: "\u{1E}").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0.contains("«") }
    }
}
