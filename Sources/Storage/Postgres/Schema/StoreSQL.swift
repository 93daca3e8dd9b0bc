/// The store's statements, with the validated schema name in place. Values are always `$n`
/// parameters; only the quoted schema identifier is spliced in (identifiers cannot be bound).
struct StoreSQL: Sendable {
    let schema: SchemaName
    let getDocument: String
    let lockDocument: String
    let insert: String
    let replace: String
    let deleteReturningVersion: String
    let deleteParties: String
    let insertParties: String
    let deleteTags: String
    let insertTags: String
    let tagsOf: String
    let uniqueTags: String
    let uuidRange: String
    let summaryColumns: String
    let vcons: String

    init(schema: SchemaName) {
        let s = schema.quoted
        self.schema = schema
        vcons = "\(s).vcons"
        getDocument = "SELECT document, version FROM \(s).vcons WHERE uuid = $1"
        lockDocument = "SELECT document, form, version FROM \(s).vcons WHERE uuid = $1 FOR UPDATE"
        // $1 uuid, $2 document, $3 form, $4 subject, $5 created_at, $6 updated_at, $7 first start,
        // $8 last start, $9…$12 counts, $13 snippet text, $14/$15/$16 text weighted A/B/C.
        let search = """
            setweight(to_tsvector('english', $14), 'A') || setweight(to_tsvector('english', $15), 'B')
            || setweight(to_tsvector('english', $16), 'C')
            """
        insert = """
            INSERT INTO \(s).vcons (uuid, document, form, version, subject, created_at, updated_at, first_start,
                last_start, party_count, dialog_count, analysis_count, attachment_count, search_text, search)
            VALUES ($1, $2, $3, nextval('\(s).version_seq'), $4, coalesce(\(s).parse_time($5), now()),
                \(s).parse_time($6), \(s).parse_time($7), \(s).parse_time($8), $9, $10, $11, $12, $13, \(search))
            ON CONFLICT (uuid) DO NOTHING
            RETURNING version
            """
        replace = """
            UPDATE \(s).vcons SET document = $2, form = $3, version = nextval('\(s).version_seq'), subject = $4,
                created_at = coalesce(\(s).parse_time($5), created_at), updated_at = \(s).parse_time($6),
                first_start = \(s).parse_time($7), last_start = \(s).parse_time($8), party_count = $9,
                dialog_count = $10, analysis_count = $11, attachment_count = $12, search_text = $13, search = \(search)
            WHERE uuid = $1
            RETURNING version
            """
        deleteReturningVersion = """
            WITH gone AS (DELETE FROM \(s).vcons WHERE uuid = $1 RETURNING uuid)
            SELECT nextval('\(s).version_seq') FROM gone
            """
        deleteParties = "DELETE FROM \(s).parties WHERE uuid = $1"
        insertParties = """
            INSERT INTO \(s).parties (uuid, idx, name_lower, tel_digits, mailto_lower)
            SELECT $1, x.i, x.n, x.t, x.m FROM json_to_recordset($2::json) AS x(i integer, n text, t text, m text)
            """
        deleteTags = "DELETE FROM \(s).tags WHERE uuid = $1"
        insertTags = """
            INSERT INTO \(s).tags (uuid, idx, key, value)
            SELECT $1, x.i, x.k, x.v FROM json_to_recordset($2::json) AS x(i integer, k text, v text)
            """
        tagsOf = """
            SELECT t.key, t.value FROM \(s).vcons v LEFT JOIN \(s).tags t ON t.uuid = v.uuid
            WHERE v.uuid = $1 ORDER BY t.idx
            """
        uniqueTags = """
            SELECT key, value, count(DISTINCT uuid) FROM \(s).tags
            WHERE $1::text IS NULL OR starts_with(key, $1::text)
            GROUP BY key, value ORDER BY key, value
            """
        uuidRange = "SELECT uuid FROM \(s).vcons WHERE uuid BETWEEN $1::uuid AND $2::uuid ORDER BY uuid LIMIT $3"
        let rfc3339 = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'"
        func time(_ column: String) -> String { "to_char(v.\(column) AT TIME ZONE 'UTC', \(rfc3339))" }
        // Columns 0…11 of every summary row; 11 is the exact created_at for cursors.
        summaryColumns = """
            v.uuid, v.version, v.subject, \(time("created_at")), \(time("updated_at")), \(time("first_start")),
            v.party_count, v.dialog_count, v.analysis_count, v.attachment_count, v.form, v.created_at::text
            """
    }
}
