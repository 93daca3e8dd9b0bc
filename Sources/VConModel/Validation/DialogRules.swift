import JSONCore

extension DocumentRules {
    mutating func checkDialog(_ value: JSON, path: String) {
        guard case let .object(d) = value else {
            issues.error(path, "invalid_type", "Each dialog must be an object, not \(value.kindName).")
            return
        }
        var type: String?
        switch d["type"] {
        case nil:
            issues.error(Path.member(path, "type"), "missing_required", "Add a dialog `type`: recording, text, transfer, incomplete or recording-set.")
        case let .string(s)? where KnownKeys.dialogTypes.contains(s):
            type = s
        case _?:
            issues.error(Path.member(path, "type"), "invalid_dialog_type", "Dialog `type` must be recording, text, transfer, incomplete or recording-set.")
        }
        if d["start"] == nil {
            issues.warning(Path.member(path, "start"), "missing_start", "A dialog should have a `start` (RFC 3339).")
        }
        checkDate(d["start"], path: Path.member(path, "start"))
        if let duration = d["duration"] {
            let durationPath = Path.member(path, "duration")
            if let n = duration.doubleValue {
                if n < 0 { issues.error(durationPath, "negative_duration", "`duration` is in seconds and must be ≥ 0.") }
            } else {
                issues.error(durationPath, "invalid_type", "`duration` must be a number of seconds, not \(duration.kindName).")
            }
        }
        if let parties = d["parties"] { checkDialogParties(parties, path: Path.member(path, "parties")) }
        if let originator = d["originator"] { checkIndex(originator, count: partyCount, target: "parties", path: Path.member(path, "originator")) }
        for key in ["application", "message_id", "campaign", "interaction", "disposition"] { checkString(d[key], path: Path.member(path, key)) }

        checkDialogTypeRules(d, type: type, path: path)
        if let session = d["session_id"] { checkSessionID(session, path: Path.member(path, "session_id")) }
        if let history = d["party_history"] { checkPartyHistory(history, path: Path.member(path, "party_history")) }
        checkContent(d, path: path)
        unknownKeys(d, known: KnownKeys.dialog, path: path)
    }

    private mutating func checkDialogParties(_ value: JSON, path: String) {
        switch value {
        case .array(let channels):
            for (i, channel) in channels.enumerated() {
                switch channel {
                case .null: break // a channel with no known party
                case .array(let list):
                    for (j, item) in list.enumerated() {
                        checkIndex(item, count: partyCount, target: "parties", path: Path.element(Path.element(path, i), j))
                    }
                default: checkIndex(channel, count: partyCount, target: "parties", path: Path.element(path, i))
                }
            }
        default:
            checkIndex(value, count: partyCount, target: "parties", path: path)
        }
    }

    private mutating func checkDialogTypeRules(_ d: JSONObject, type: String?, path: String) {
        guard let type else { return }
        let forbidsContent = type == "incomplete" || type == "transfer" || type == "recording-set"
        if forbidsContent {
            for key in Self.contentKeys where d[key] != nil {
                issues.error(Path.member(path, key), "content_not_allowed", "A \(type) dialog carries no content: remove `\(key)`.")
            }
        } else if d["body"] == nil, d["url"] == nil {
            issues.warning(path, "missing_content", "A \(type) dialog should carry content (`body` + `encoding`, or `url` + `content_hash`).")
        }
        if type == "transfer" {
            for key in ["parties", "originator", "mediatype", "filename"] where d[key] != nil {
                issues.error(Path.member(path, key), "field_not_allowed", "A transfer dialog must not have `\(key)`.")
            }
        }
        for key in KnownKeys.transferFields {
            guard let v = d[key] else { continue }
            let p = Path.member(path, key)
            if type != "transfer" {
                issues.error(p, "field_not_allowed", "`\(key)` belongs to transfer dialogs only.")
            }
            switch key {
            case "transferee", "transferor": checkIndex(v, count: partyCount, target: "parties", path: p)
            case "transfer_target": checkIndexOrArray(v, count: partyCount, target: "parties", path: p)
            default: checkIndexOrArray(v, count: dialogCount, target: "dialog", path: p)
            }
        }
        if let disposition = d["disposition"] {
            let p = Path.member(path, "disposition")
            if type != "incomplete" {
                issues.warning(p, "field_not_expected", "`disposition` is meant for incomplete dialogs only.")
            } else if !(disposition.stringValue.map(KnownKeys.dispositions.contains) ?? false) {
                issues.error(p, "invalid_disposition", "`disposition` must be one of no-answer, congestion, failed, busy, hung-up, voicemail-no-message.")
            }
        } else if type == "incomplete" {
            issues.error(Path.member(path, "disposition"), "missing_required", "An incomplete dialog needs a `disposition` (no-answer, busy, failed …).")
        }
        if let recordings = d["recordings"] {
            let p = Path.member(path, "recordings")
            if type != "recording-set" { issues.error(p, "field_not_allowed", "`recordings` belongs to recording-set dialogs only.") }
            if case let .array(items) = recordings {
                for (i, item) in items.enumerated() { checkIndex(item, count: dialogCount, target: "dialog", path: Path.element(p, i)) }
            } else {
                issues.error(p, "invalid_type", "`recordings` must be an array of dialog indexes.")
            }
        } else if type == "recording-set" {
            issues.error(Path.member(path, "recordings"), "missing_required", "A recording-set dialog needs `recordings` (indexes of its recording dialogs).")
        }
        if let set = d["recording_set"] {
            let p = Path.member(path, "recording_set")
            if type != "recording" { issues.error(p, "field_not_allowed", "`recording_set` belongs to recording dialogs only.") }
            checkIndex(set, count: dialogCount, target: "dialog", path: p)
        }
    }

    /// A SessionId object, or per channel a SessionId or an array of them. A plain string is the
    /// older drafts' form: kept, with a warning.
    private mutating func checkSessionID(_ value: JSON, path: String) {
        func one(_ v: JSON, _ p: String) {
            guard case let .object(o) = v else {
                issues.error(p, "invalid_type", "A SessionId is an object {\"local\": …, \"remote\": …} (use {} when unknown).")
                return
            }
            for key in ["local", "remote"] { checkString(o[key], path: Path.member(p, key)) }
        }
        switch value {
        case .string:
            issues.warning(path, "legacy_session_id", "`session_id` as a string is the older form; core-03 uses {\"local\": …, \"remote\": …}.")
        case let .array(items):
            for (i, item) in items.enumerated() {
                let p = Path.element(path, i)
                if case let .array(inner) = item {
                    for (j, e) in inner.enumerated() { one(e, Path.element(p, j)) }
                } else {
                    one(item, p)
                }
            }
        default:
            one(value, path)
        }
    }

    private mutating func checkPartyHistory(_ value: JSON, path: String) {
        guard case let .array(events) = value else {
            issues.error(path, "invalid_type", "`party_history` must be an array of events.")
            return
        }
        for (i, event) in events.enumerated() {
            let p = Path.element(path, i)
            guard case let .object(e) = event else {
                issues.error(p, "invalid_type", "Each party_history entry must be an object {party, time, event}.")
                continue
            }
            if let party = e["party"] { checkIndex(party, count: partyCount, target: "parties", path: Path.member(p, "party")) }
            else { issues.error(Path.member(p, "party"), "missing_required", "A party_history event needs `party`.") }
            if e["time"] == nil { issues.error(Path.member(p, "time"), "missing_required", "A party_history event needs `time`.") }
            checkDate(e["time"], path: Path.member(p, "time"))
            let kind = e["event"]?.stringValue
            if kind == nil || !KnownKeys.partyEvents.contains(kind!) {
                issues.error(Path.member(p, "event"), "invalid_event", "`event` must be join, drop, hold, unhold, mute, unmute, keydown or keyup.")
            }
            if kind == "keydown" || kind == "keyup" {
                if e["button"] == nil { issues.error(Path.member(p, "button"), "missing_required", "Key events need `button` (the key pressed).") }
            }
            checkString(e["button"], path: Path.member(p, "button"))
        }
    }
}
