import JSONCore

/// Rewrites what legacy producers (vCon 0.0.1, 0.0.2, 0.3.0) wrote into 0.4.0 form, one reported
/// change at a time. Never reorders or removes array entries (other objects refer to positions).
///
/// The rules of VCON.md: `appended` → `amended`, `must_support` → `critical`, `mimetype` → `mediatype`,
/// `schema_version` / `vendor_schema` → `schema` (string values only), attachment `type` → `purpose`,
/// `alg` + `signature` → `content_hash` (a hex digest is re-encoded as base64url), `transfer-target` /
/// `target-dialog` → underscores, drop `redacted: {}`, `group: []`, `appended: null`.
/// Added because the shared corpus needs them, each reported the same way:
/// - a date without offset (Python's naive `isoformat()`) is read as UTC: `Z` appended;
/// - a body without `encoding` gets one (`json` for non-strings and tags, `base64url` for media that
///   decodes, else `none`), and `encoding: "none"` on a non-string body becomes `json`;
/// - an analysis `dialog` index written as a string ("0") becomes the integer;
/// - `subject: null`, `updated_at: null`, `mimetype: null`, `amended: {}` are dropped;
/// - a missing `created_at` is set to the ingest time (the server treats `created_at` as such).
/// The `vcon` version string is left alone (a warning): rewriting it would claim a conversion we did not do.
struct LegacyNormaliser {
    private(set) var changes: [Normalisation] = []
    /// What strict mode reports instead of each change, index for index with `changes`.
    private(set) var strictIssues: [ValidationIssue] = []

    private mutating func record(_ path: String, _ change: String, code: String = "needs_normalisation", fix: String? = nil) {
        changes.append(Normalisation(path: path, change: change))
        let message = fix ?? "Legacy form; lenient ingest would fix it (\(change)). Write the 0.4.0 form instead."
        strictIssues.append(ValidationIssue(path: path, code: code, severity: .error, message: message))
    }
    /// `now` supplies `created_at` when a legacy document has none.
    mutating func normalise(_ document: JSON, now: () -> String) -> JSON {
        guard case var .object(top) = document else { return document }
        renameTop(&top)
        for key in ["created_at", "updated_at"] { fixDate(&top, key, path: "$") }
        if top["created_at"] == nil, case .string? = top["uuid"] {
            top["created_at"] = .string(now())
            record("created_at", "added the missing `created_at` (time of ingest)", code: "missing_required",
                   fix: "Add `created_at` (RFC 3339 date-time with offset, e.g. 2025-01-31T12:00:00Z).")
        }
        mapArray(&top, "dialog") { n, d, p in n.dialog(&d, path: p) }
        mapArray(&top, "analysis") { n, a, p in n.analysis(&a, path: p) }
        mapArray(&top, "attachments") { n, a, p in n.attachment(&a, path: p) }
        return .object(top)
    }

    private mutating func renameTop(_ top: inout JSONObject) {
        if let appended = top["appended"] {
            if appended.isNull {
                top["appended"] = nil
                record("appended", "dropped `appended: null`")
            } else if top["amended"] == nil {
                rename(&top, "appended", to: "amended", path: "$")
            }
        }
        if top["critical"] == nil, top["must_support"] != nil { rename(&top, "must_support", to: "critical", path: "$") }
        for key in ["redacted", "amended"] {
            if let v = top[key], v.isNull || v.objectValue?.isEmpty == true {
                top[key] = nil
                record(key, "dropped empty `\(key)`")
            }
        }
        if let g = top["group"], g.isNull || g.arrayValue?.isEmpty == true {
            top["group"] = nil
            record("group", "dropped empty `group`")
        }
        for key in ["subject", "updated_at"] where top[key]?.isNull == true {
            top[key] = nil
            record(key, "dropped `\(key): null`")
        }
    }

    private mutating func dialog(_ d: inout JSONObject, path: String) {
        fixDate(&d, "start", path: path)
        if d["transfer_target"] == nil, d["transfer-target"] != nil { rename(&d, "transfer-target", to: "transfer_target", path: path) }
        if d["target_dialog"] == nil, d["target-dialog"] != nil { rename(&d, "target-dialog", to: "target_dialog", path: path) }
        if case var .array(history)? = d["party_history"] {
            var changed = false
            for i in history.indices {
                guard case var .object(e) = history[i] else { continue }
                let before = changes.count
                fixDate(&e, "time", path: Path.element(Path.member(path, "party_history"), i))
                if changes.count != before { history[i] = .object(e); changed = true }
            }
            if changed { d["party_history"] = .array(history) }
        }
        content(&d, path: path)
    }

    private mutating func analysis(_ a: inout JSONObject, path: String) {
        // Only a string can become `schema`; some producers put an object (a prompt, a model) there.
        for legacy in ["schema_version", "vendor_schema"] where a["schema"] == nil && a[legacy]?.stringValue != nil {
            rename(&a, legacy, to: "schema", path: path)
        }
        if case let .string(s)? = a["dialog"], let i = Int(s), i >= 0 {
            a["dialog"] = .int(i)
            record(Path.member(path, "dialog"), "dialog index \"\(s)\" written as a string became the integer \(i)", code: "invalid_index",
                   fix: "`dialog` must be an integer index (\(i)), not a string.")
        }
        content(&a, path: path)
    }

    private mutating func attachment(_ a: inout JSONObject, path: String) {
        if a["purpose"] == nil, a["type"] != nil { rename(&a, "type", to: "purpose", path: path) }
        fixDate(&a, "start", path: path)
        content(&a, path: path)
    }

    /// Content members shared by dialog, analysis and attachment.
    private mutating func content(_ o: inout JSONObject, path: String) {
        if let m = o["mimetype"] {
            if m.isNull {
                o["mimetype"] = nil
                record(Path.member(path, "mimetype"), "dropped `mimetype: null`")
            } else if o["mediatype"] == nil {
                rename(&o, "mimetype", to: "mediatype", path: path)
            }
        }
        if o["content_hash"] == nil, case let .string(alg)? = o["alg"], case let .string(signature)? = o["signature"] {
            let algorithm = alg.lowercased().replacingDashes()
            var digest = signature.replacingBase64Alphabet()
            while digest.hasSuffix("=") { digest.removeLast() }
            // Some producers wrote the digest in hex (128 digits for SHA-512).
            if let bytes = Self.hexBytes(signature), bytes.count == 64 || bytes.count == 32 || bytes.count == 48 {
                digest = Base64URL.encode(bytes)
            }
            o["alg"] = nil
            o["signature"] = nil
            o["content_hash"] = .string(algorithm + "-" + digest)
            record(Path.member(path, "content_hash"), "`alg` + `signature` became `content_hash`")
        }
        if let body = o["body"] {
            let encoding = o["encoding"]
            if encoding == nil || encoding?.isNull == true {
                let tags = o["purpose"]?.stringValue == "tags"
                let derived = tags ? "json" : Self.derivedEncoding(body: body, mediatype: o["mediatype"]?.stringValue)
                o["encoding"] = .string(derived)
                record(Path.member(path, "encoding"), "added the missing `encoding` \"\(derived)\"", code: "missing_encoding",
                       fix: "A `body` needs an `encoding` (here most likely \"\(derived)\").")
            } else if encoding?.stringValue == "none", body.stringValue == nil, !body.isNull {
                o["encoding"] = "json"
                record(Path.member(path, "encoding"), "`encoding` \"none\" on a \(body.kindName) body became \"json\"", code: "non_string_body",
                       fix: "A \(body.kindName) body needs `encoding: \"json\"`.")
            }
        }
    }

    /// The encoding a body without one most likely has (the draft allows deriving it from the media type).
    static func derivedEncoding(body: JSON, mediatype: String?) -> String {
        guard case let .string(s) = body else { return "json" }
        let essence = mediatype.map(Formats.mediatypeEssence) ?? ""
        let binary = essence.hasPrefix("audio/") || essence.hasPrefix("video/") || essence.hasPrefix("image/")
        return binary && Base64URL.isValid(s) ? "base64url" : "none"
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let u = Array(text.utf8)
        guard u.count % 2 == 0, !u.isEmpty else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let h = nibble(u[i]), let l = nibble(u[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }

    private mutating func fixDate(_ o: inout JSONObject, _ key: String, path: String) {
        guard case let .string(s)? = o[key], RFC3339.check(s) == .missingOffset else { return }
        o[key] = .string(s + "Z")
        record(Path.member(path, key), "date without time zone read as UTC (`Z` appended)", code: "invalid_date",
               fix: "`\(key)` lacks a time zone: append `Z` (UTC) or an offset such as +02:00.")
    }

    /// Renames keeping the value (the renamed member moves to the end of the object).
    private mutating func rename(_ o: inout JSONObject, _ from: String, to: String, path: String) {
        guard let v = o.removeValue(forKey: from) else { return }
        o[to] = v
        record(Path.member(path, to), "renamed legacy `\(from)` to `\(to)`")
    }

    private mutating func mapArray(_ top: inout JSONObject, _ key: String, _ body: (inout LegacyNormaliser, inout JSONObject, String) -> Void) {
        guard case var .array(items)? = top[key] else { return }
        var changed = false
        for i in items.indices {
            guard case var .object(o) = items[i] else { continue }
            let before = changes.count
            body(&self, &o, Path.element(key, i))
            if changes.count != before { items[i] = .object(o); changed = true }
        }
        if changed { top[key] = .array(items) }
    }
}

extension String {
    fileprivate func replacingDashes() -> String { String(filter { $0 != "-" && $0 != "_" }) }
    fileprivate func replacingBase64Alphabet() -> String {
        String(map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}
