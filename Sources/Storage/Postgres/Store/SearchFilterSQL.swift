import VConModel

/// Turns a `VConFilter` into WHERE conditions over `vcons v`. Only fixed SQL fragments are joined;
/// every value is a bound parameter.
struct SearchFilterSQL {
    private(set) var conditions: [String] = []
    private(set) var parameters: [PGValue] = []
    let schema: String

    init(schema: SchemaName, startingWith parameters: [PGValue] = []) {
        self.schema = schema.quoted
        self.parameters = parameters
    }

    /// Adds a parameter; returns its placeholder.
    mutating func bind(_ value: PGValue) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    mutating func add(_ condition: String) { conditions.append(condition) }

    mutating func apply(_ filter: VConFilter) {
        if let subject = filter.subject, !subject.isEmpty {
            add("strpos(lower(v.subject), lower(\(bind(.text(subject))))) > 0")
        }
        if let name = filter.partyName, !name.isEmpty {
            add("EXISTS (SELECT 1 FROM \(schema).parties p WHERE p.uuid = v.uuid AND strpos(p.name_lower, lower(\(bind(.text(name))))) > 0)")
        }
        if let tel = filter.partyTel {
            let digits = String(tel.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.map(Character.init))
            add("EXISTS (SELECT 1 FROM \(schema).parties p WHERE p.uuid = v.uuid AND p.tel_digits = \(bind(.text(digits))))")
        }
        if let email = filter.partyEmail {
            var normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
            if normalised.hasPrefix("mailto:") { normalised.removeFirst("mailto:".count) }
            add("EXISTS (SELECT 1 FROM \(schema).parties p WHERE p.uuid = v.uuid AND p.mailto_lower = \(bind(.text(normalised))))")
        }
        if let after = filter.createdAfter { add("v.created_at >= \(bind(.text(after)))::timestamptz") }
        if let before = filter.createdBefore { add("v.created_at < \(bind(.text(before)))::timestamptz") }
        // Some dialog starts at or after X ⇔ the last start does; some starts before Y ⇔ the first does.
        if let after = filter.startAfter { add("v.last_start >= \(bind(.text(after)))::timestamptz") }
        if let before = filter.startBefore { add("v.first_start < \(bind(.text(before)))::timestamptz") }
        for tag in filter.tags {
            add("EXISTS (SELECT 1 FROM \(schema).tags t WHERE t.uuid = v.uuid AND t.key = \(bind(.text(tag.key))) AND t.value = \(bind(.text(tag.value))))")
        }
    }

    var whereClause: String { conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ") }

    /// Fields of the filter in a fixed order, for cursor fingerprints.
    static func fingerprintParts(_ f: VConFilter) -> [String] {
        [f.subject, f.partyName, f.partyTel, f.partyEmail, f.createdAfter, f.createdBefore, f.startAfter, f.startBefore]
            .map { $0 ?? "\u{0}" } + f.tags.flatMap { [$0.key, $0.value] }
    }
}
