/// The schema's migrations, embedded in the binary. Each is applied once, in order, and recorded in
/// `schema_migrations`. Never edit a released migration: add a new one.
struct Migration: Sendable {
    let version: Int
    let name: String
    /// Statements with `{S}` standing for the quoted schema name.
    let statements: [String]
}

enum Migrations {
    static let all: [Migration] = [initial]

    static let initial = Migration(version: 1, name: "initial", statements: [
        // One global sequence: every write takes its next value, so versions only grow, also across
        // delete and re-create (the cache relies on it).
        "CREATE SEQUENCE {S}.version_seq AS bigint",
        // Lenient timestamp parsing for derived columns: a malformed date in a document gives NULL
        // instead of failing the write.
        """
        CREATE FUNCTION {S}.parse_time(t text) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
        BEGIN
            RETURN t::timestamptz;
        EXCEPTION WHEN others THEN
            RETURN NULL;
        END $$
        """,
        // `document` is `json`, not `jsonb`: stored exactly as received (key order, duplicates, number
        // spellings) and read back 2–3x faster; it is never queried inside SQL.
        """
        CREATE TABLE {S}.vcons (
            uuid uuid PRIMARY KEY,
            document json NOT NULL,
            form text NOT NULL,
            version bigint NOT NULL,
            subject text,
            created_at timestamptz NOT NULL,
            updated_at timestamptz,
            first_start timestamptz,
            last_start timestamptz,
            party_count integer NOT NULL DEFAULT 0,
            dialog_count integer NOT NULL DEFAULT 0,
            analysis_count integer NOT NULL DEFAULT 0,
            attachment_count integer NOT NULL DEFAULT 0,
            search_text text NOT NULL DEFAULT '',
            search tsvector NOT NULL DEFAULT ''::tsvector
        )
        """,
        "CREATE INDEX vcons_created_idx ON {S}.vcons (created_at DESC, uuid)",
        "CREATE INDEX vcons_first_start_idx ON {S}.vcons (first_start)",
        "CREATE INDEX vcons_last_start_idx ON {S}.vcons (last_start)",
        "CREATE INDEX vcons_search_idx ON {S}.vcons USING gin (search)",
        """
        CREATE TABLE {S}.parties (
            uuid uuid NOT NULL REFERENCES {S}.vcons (uuid) ON DELETE CASCADE,
            idx integer NOT NULL,
            name_lower text,
            tel_digits text,
            mailto_lower text,
            PRIMARY KEY (uuid, idx)
        )
        """,
        "CREATE INDEX parties_tel_idx ON {S}.parties (tel_digits) WHERE tel_digits IS NOT NULL",
        "CREATE INDEX parties_mailto_idx ON {S}.parties (mailto_lower) WHERE mailto_lower IS NOT NULL",
        "CREATE INDEX parties_name_idx ON {S}.parties (name_lower text_pattern_ops) WHERE name_lower IS NOT NULL",
        """
        CREATE TABLE {S}.tags (
            uuid uuid NOT NULL REFERENCES {S}.vcons (uuid) ON DELETE CASCADE,
            idx integer NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (uuid, idx)
        )
        """,
        "CREATE INDEX tags_key_value_idx ON {S}.tags (key, value)",
    ])
}
