import JSONCore
import Storage

/// The filters shared by search_vcons and search_vcons_content.
enum SearchArguments {
    static let filterProperties: [(String, JSON)] = [
        ("subject", Schema.string("Case-insensitive substring of the subject.")),
        ("party_name", Schema.string("Case-insensitive substring of a party's name.")),
        ("party_tel", Schema.string("A party's phone number; punctuation and a tel: prefix are ignored.")),
        ("party_email", Schema.string("A party's email address (case-insensitive, exact).")),
        ("start_date", Schema.string("Stored (created_at) on or after: a day YYYY-MM-DD or an RFC 3339 timestamp.")),
        ("end_date", Schema.string("Stored (created_at) before: a timestamp, or a day YYYY-MM-DD meaning up to the end of that day.")),
        ("conversation_after", Schema.string("A dialog started on or after (conversation time): a day or an RFC 3339 timestamp.")),
        ("conversation_before", Schema.string("A dialog started before (conversation time): a timestamp, or a day meaning up to its end.")),
        ("tags", Schema.stringMap("Tags that must all match, e.g. {\"department\": \"sales\"}.")),
    ]

    static func pagingProperties(defaultLimit: Int, maxLimit: Int) -> [(String, JSON)] {
        [("limit", Schema.integer("Results per page (default \(defaultLimit)).", minimum: 1, maximum: maxLimit)),
         ("cursor", Schema.string("next_cursor of the previous page, with the same filters.")),
         ("include_count", Schema.boolean("Also return total_count, the number of matches (slower)."))]
    }

    static func filter(_ args: ToolArguments) throws(ArgumentError) -> VConFilter {
        VConFilter(subject: try args.string("subject"), partyName: try args.string("party_name"),
                   partyTel: try args.string("party_tel"), partyEmail: try args.string("party_email"),
                   createdAfter: try date(args, "start_date", upper: false),
                   createdBefore: try date(args, "end_date", upper: true),
                   startAfter: try date(args, "conversation_after", upper: false),
                   startBefore: try date(args, "conversation_before", upper: true),
                   tags: try args.tags("tags"))
    }

    private static func date(_ args: ToolArguments, _ name: String, upper: Bool) throws(ArgumentError) -> String? {
        guard let text = try args.string(name) else { return nil }
        guard let bound = DateArgument.bound(text, upper: upper) else {
            throw ArgumentError(message: "Argument '\(name)' must be a day like 2026-01-31 or an RFC 3339 timestamp like 2026-01-31T09:30:00Z.")
        }
        return bound
    }
}
