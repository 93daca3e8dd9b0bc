import JSONCore

extension DocumentRules {
    mutating func checkAnalysis(_ value: JSON, path: String) {
        guard case let .object(a) = value else {
            issues.error(path, "invalid_type", "Each analysis must be an object, not \(value.kindName).")
            return
        }
        for key in ["type", "vendor"] {
            if a[key] == nil {
                let hint = key == "type" ? "(summary, transcript, sentiment …)" : "(who produced it)"
                issues.error(Path.member(path, key), "missing_required", "Analysis needs `\(key)` \(hint).")
            } else {
                checkString(a[key], path: Path.member(path, key))
            }
        }
        for key in ["product", "schema"] { checkString(a[key], path: Path.member(path, key)) }
        if let dialog = a["dialog"] { checkIndexOrArray(dialog, count: dialogCount, target: "dialog", path: Path.member(path, "dialog")) }
        if let attachment = a["attachment"] {
            checkIndexOrArray(attachment, count: attachmentCount, target: "attachments", path: Path.member(path, "attachment"))
        }
        checkContent(a, path: path)
        unknownKeys(a, known: KnownKeys.analysis, path: path)
    }

    mutating func checkAttachment(_ value: JSON, path: String) {
        guard case let .object(a) = value else {
            issues.error(path, "invalid_type", "Each attachment must be an object, not \(value.kindName).")
            return
        }
        checkString(a["purpose"], path: Path.member(path, "purpose"))
        checkDate(a["start"], path: Path.member(path, "start"))
        if let party = a["party"] {
            checkIndex(party, count: partyCount, target: "parties", path: Path.member(path, "party"))
        } else if VConTags.isTagsAttachment(a), !hasParties {
            // Tags on a vCon without parties have no contributor to point at: accepted (see VConTags).
        } else {
            let message = "Attachment needs `party`: the index of the party that contributed it."
            if options.lenient { issues.warning(Path.member(path, "party"), "missing_party", message) }
            else { issues.error(Path.member(path, "party"), "missing_party", message) }
        }
        if let dialog = a["dialog"] { checkIndexOrArray(dialog, count: dialogCount, target: "dialog", path: Path.member(path, "dialog")) }
        checkContent(a, path: path)
        unknownKeys(a, known: KnownKeys.attachment, path: path)
    }
}
