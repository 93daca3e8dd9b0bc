import JSONCore

/// One validation pass over an unsigned vCon. Holds the counts that index references are checked against.
struct DocumentRules {
    var issues = IssueList()
    let options: ValidationOptions
    var partyCount = 0
    var dialogCount = 0
    var attachmentCount = 0
    var extensions: Set<String> = []
    var hasParties: Bool { partyCount > 0 }

    init(options: ValidationOptions) { self.options = options }

    mutating func run(_ document: JSON) -> [ValidationIssue] {
        guard case let .object(top) = document else {
            issues.error("$", "not_object", "A vCon must be a JSON object, not \(document.kindName).")
            return issues.items
        }
        partyCount = top["parties"]?.arrayValue?.count ?? 0
        dialogCount = top["dialog"]?.arrayValue?.count ?? 0
        attachmentCount = top["attachments"]?.arrayValue?.count ?? 0
        if let ext = top["extensions"]?.arrayValue { extensions = Set(ext.compactMap(\.stringValue)) }

        checkIdentity(top)
        checkExtensions(top)
        checkReferences(top)
        unknownKeys(top, known: KnownKeys.top, path: "$")

        forEachElement(top, "parties") { rules, party, path in rules.checkParty(party, path: path) }
        forEachElement(top, "dialog") { rules, dialog, path in rules.checkDialog(dialog, path: path) }
        forEachElement(top, "analysis") { rules, analysis, path in rules.checkAnalysis(analysis, path: path) }
        forEachElement(top, "attachments") { rules, attachment, path in rules.checkAttachment(attachment, path: path) }
        return issues.items
    }

    private mutating func checkIdentity(_ top: JSONObject) {
        switch top["uuid"] {
        case nil:
            issues.error("uuid", "missing_required", "Add a `uuid`: every vCon needs one (a UUIDv8 is recommended).")
        case let .string(s)?:
            if let id = VConID(s) {
                if !id.isVersion8 {
                    issues.warning("uuid", "uuid_not_v8", "The uuid is not a version 8 UUID; the draft recommends UUIDv8.")
                }
            } else {
                issues.error("uuid", "invalid_uuid", "`uuid` must be a UUID in 8-4-4-4-12 hex form.")
            }
        case let v?:
            issues.error("uuid", "invalid_type", "`uuid` must be a string UUID, not \(v.kindName).")
        }
        if top["created_at"] == nil {
            issues.error("created_at", "missing_required", "Add `created_at` (RFC 3339 date-time with offset, e.g. 2025-01-31T12:00:00Z).")
        }
        checkDate(top["created_at"], path: "created_at")
        checkDate(top["updated_at"], path: "updated_at")
        checkString(top["subject"], path: "subject")
        if let v = top["vcon"] {
            if case let .string(s) = v {
                if s != "0.4.0" {
                    issues.warning("vcon", "version_mismatch", "`vcon` is \"\(s.prefix(20))\"; this syntax is \"0.4.0\" (the member is deprecated, it may be removed).")
                }
            } else {
                issues.error("vcon", "invalid_type", "`vcon` must be the string \"0.4.0\" or absent.")
            }
        }
        for key in ["parties", "dialog", "analysis", "attachments"] {
            guard let v = top[key] else { continue }
            if case .array = v { continue }
            issues.error(key, "invalid_type", "`\(key)` must be an array (use [] when empty), not \(v.kindName).")
        }
    }

    private mutating func checkExtensions(_ top: JSONObject) {
        for key in ["extensions", "critical"] {
            guard let v = top[key] else { continue }
            guard case let .array(items) = v else {
                issues.error(key, "invalid_type", "`\(key)` must be an array of extension names.")
                continue
            }
            for (i, item) in items.enumerated() {
                let path = Path.element(key, i)
                guard case let .string(name) = item else {
                    issues.error(path, "invalid_type", "Extension names must be strings.")
                    continue
                }
                if key == "critical", !options.supportedExtensions.contains(name) {
                    issues.error(path, "unsupported_critical_extension",
                                 "This server does not support the critical extension \"\(name.prefix(60))\"; it must not process this vCon. Remove the entry only if the extension is not actually required.")
                }
            }
        }
    }

    private mutating func checkReferences(_ top: JSONObject) {
        if top["redacted"] != nil, top["amended"] != nil {
            issues.error("amended", "redacted_and_amended", "`redacted` and `amended` are mutually exclusive: keep only one.")
        }
        for key in ["redacted", "amended"] {
            guard let v = top[key] else { continue }
            guard case let .object(o) = v else {
                issues.error(key, "invalid_type", "`\(key)` must be an object referring to the other vCon.")
                continue
            }
            if o["uuid"] == nil, o["url"] == nil {
                issues.error(key, "missing_required", "`\(key)` needs the `uuid` of the vCon it refers to.")
            }
            if let u = o["uuid"], !(u.stringValue.map { VConID($0) != nil } ?? false) {
                issues.error(Path.member(key, "uuid"), "invalid_uuid", "`\(key).uuid` must be a UUID string.")
            }
            checkString(o["type"], path: Path.member(key, "type"))
            if key == "redacted", o["type"] == nil {
                issues.error(Path.member(key, "type"), "missing_required", "`redacted.type` names the kind of redaction (e.g. \"PII\").")
            }
            checkExternal(o, path: key, requireURL: false)
        }
    }

    /// Calls `body` for each element of the array member `key` (its type problems are reported elsewhere).
    private mutating func forEachElement(_ top: JSONObject, _ key: String, _ body: (inout DocumentRules, JSON, String) -> Void) {
        guard case let .array(items)? = top[key] else { return }
        for (i, item) in items.enumerated() { body(&self, item, Path.element(key, i)) }
    }

    mutating func unknownKeys(_ object: JSONObject, known: Set<String>, path: String) {
        for key in object.keys where !known.contains(key) && !extensions.contains(key) {
            issues.warning(Path.member(path, key), "unknown_key",
                           "`\(key.prefix(60))` is not a core vCon member and no entry of `extensions` covers it; it is kept as is.")
        }
    }

    // MARK: shared checks

    // The leaf checks take their path lazily: most values are fine, and building a path string
    // for each of them was the validator's main cost on documents with many small entries.

    mutating func checkDate(_ value: JSON?, path: @autoclosure () -> String) {
        guard let value else { return }
        guard case let .string(s) = value else {
            let p = path()
            issues.error(p, "invalid_date", "`\(p)` must be an RFC 3339 date-time string, not \(value.kindName).")
            return
        }
        switch RFC3339.check(s) {
        case .valid: break
        case .missingOffset:
            let p = path()
            issues.error(p, "invalid_date", "`\(p)` lacks a time zone: append `Z` (UTC) or an offset such as +02:00.")
        case .invalid:
            let p = path()
            issues.error(p, "invalid_date", "`\(p)` must be an RFC 3339 date-time such as 2025-01-31T12:00:00Z.")
        }
    }

    mutating func checkString(_ value: JSON?, path: @autoclosure () -> String) {
        guard let value else { return }
        if case .string = value { return }
        let p = path()
        issues.error(p, "invalid_type", "`\(p)` must be a string, not \(value.kindName).")
    }

    /// An index into an array of `count` elements named `target`.
    mutating func checkIndex(_ value: JSON, count: Int, target: String, path: @autoclosure () -> String) {
        guard case let .int(i) = value else {
            let p = path()
            issues.error(p, "invalid_index", "`\(p)` must be a non-negative integer index into `\(target)`, not \(value.kindName).")
            return
        }
        if i < 0 || i >= count {
            let p = path()
            let range = count == 0 ? "`\(target)` is empty" : "valid indexes are 0…\(count - 1)"
            issues.error(p, "index_out_of_range", "`\(p)` is \(i) but \(range): point it at an existing entry of `\(target)`.")
        }
    }

    /// An index or an array of indexes.
    mutating func checkIndexOrArray(_ value: JSON, count: Int, target: String, path: @autoclosure () -> String) {
        if case let .array(items) = value {
            for (i, item) in items.enumerated() { checkIndex(item, count: count, target: target, path: Path.element(path(), i)) }
        } else {
            checkIndex(value, count: count, target: target, path: path())
        }
    }
}
