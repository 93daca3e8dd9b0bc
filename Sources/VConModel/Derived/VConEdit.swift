import JSONCore

/// The append operations of the tools (`add_dialog`, `add_analysis`, `add_attachment`), done the
/// one safe way: entries go at the end (other objects refer to positions) and `updated_at` moves.
public enum VConEdit {
    public enum Section: String, Sendable, CaseIterable {
        case parties, dialog, analysis, attachments
    }

    /// `document` with `entry` appended to `section` and `updated_at` set to `now`; the new entry's
    /// index is `index`. Validate the result before storing it: an entry may refer to positions.
    public static func appending(_ entry: JSON, to section: Section, in document: JSON,
                                 now: String = VConBuilder.now()) -> (document: JSON, index: Int) {
        guard case var .object(top) = document else { return (document, -1) }
        var items = top[section.rawValue]?.arrayValue ?? []
        items.append(entry)
        top[section.rawValue] = .array(items)
        top["updated_at"] = .string(now)
        return (.object(top), items.count - 1)
    }
}

extension VCon {
    /// Every issue of this vCon (see `VConValidator`).
    public func validationIssues(options: ValidationOptions = .strict) -> [ValidationIssue] {
        VConValidator.validate(json, options: options)
    }
}
