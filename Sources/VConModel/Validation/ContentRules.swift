import JSONCore

extension DocumentRules {
    /// Inline (`body` + `encoding`) or external (`url` + `content_hash`) content of a dialog,
    /// analysis or attachment.
    mutating func checkContent(_ o: JSONObject, path: String) {
        checkMediatype(o["mediatype"], path: Path.member(path, "mediatype"))
        checkString(o["filename"], path: Path.member(path, "filename"))
        func encodingPath() -> String { Path.member(path, "encoding") }
        var encoding: String?
        if let e = o["encoding"] {
            if case let .string(s) = e, KnownKeys.encodings.contains(s) {
                encoding = s
            } else {
                issues.error(encodingPath(), "invalid_encoding", "`encoding` must be one of \"base64url\", \"json\", \"none\".")
            }
        }
        if let body = o["body"] {
            let bodyPath = Path.member(path, "body")
            if o["encoding"] == nil {
                issues.error(encodingPath(), "missing_encoding", "A `body` needs an `encoding`: \"none\" for plain text, \"json\" for JSON, \"base64url\" for binary.")
            }
            switch (body, encoding) {
            case (.string, _): break
            case (_, "json"?): break
            case (_, nil) where o["encoding"] != nil: break // already reported as invalid_encoding
            default:
                issues.error(bodyPath, "non_string_body", "A \(body.kindName) body needs `encoding: \"json\"`; other encodings carry a string.")
            }
            if encoding == "base64url", case let .string(s) = body, !Base64URL.isValid(s) {
                issues.error(bodyPath, "invalid_base64url", "`body` is not valid base64url (alphabet A–Z a–z 0–9 - _, no line breaks); re-encode it or change `encoding`.")
            }
        }
        checkExternal(o, path: path, requireURL: false)
        if o["body"] != nil, o["url"] != nil {
            issues.warning(path, "body_and_url", "Both `body` and `url` are present; keep one form of content.")
        }
    }

    /// `url` must be HTTPS and come with a well-formed `content_hash`.
    mutating func checkExternal(_ o: JSONObject, path: String, requireURL: Bool) {
        if let url = o["url"] {
            let urlPath = Path.member(path, "url")
            if case let .string(s) = url {
                if !Formats.isHTTPSURL(s) {
                    issues.error(urlPath, "url_not_https", "`url` must be an https:// URL (external content is fetched over HTTPS only).")
                }
            } else {
                issues.error(urlPath, "invalid_type", "`url` must be a string.")
            }
            if o["content_hash"] == nil {
                issues.error(Path.member(path, "content_hash"), "missing_content_hash",
                             "External content needs `content_hash` (e.g. \"sha512-<unpadded base64url of the SHA-512 digest>\").")
            }
        }
        if let hash = o["content_hash"] {
            let hashPath = Path.member(path, "content_hash")
            switch hash {
            case let .string(s): checkHash(s, path: hashPath)
            case let .array(items) where !items.isEmpty:
                for (i, item) in items.enumerated() {
                    if case let .string(s) = item { checkHash(s, path: Path.element(hashPath, i)) }
                    else { issues.error(Path.element(hashPath, i), "invalid_content_hash", "Each `content_hash` entry must be a string.") }
                }
            default:
                issues.error(hashPath, "invalid_content_hash", "`content_hash` must be a string or a non-empty array of strings.")
            }
        }
    }

    private mutating func checkHash(_ s: String, path: String) {
        switch Formats.contentHashProblem(s) {
        case nil: break
        case .shape?:
            issues.error(path, "invalid_content_hash", "`content_hash` must look like \"sha512-<digest>\" (algorithm, dash, unpadded base64url digest).")
        case .digest?:
            issues.error(path, "invalid_content_hash", "The digest of `content_hash` must be unpadded base64url.")
        case .length?:
            issues.error(path, "invalid_content_hash", "The digest of `content_hash` has the wrong length for its algorithm (sha512: 64 bytes, 86 characters).")
        }
    }

    mutating func checkMediatype(_ value: JSON?, path: @autoclosure () -> String) {
        guard let value else { return }
        guard case let .string(s) = value else {
            issues.error(path(), "invalid_mediatype", "`mediatype` must be a string such as \"audio/x-wav\".")
            return
        }
        if Formats.usualMediatypes.contains(s) { return }  // the common case, without splitting
        if !Formats.isMediatype(s) {
            issues.error(path(), "invalid_mediatype", "`mediatype` must be `type/subtype` (parameters allowed), e.g. \"text/plain\" or \"audio/x-wav\".")
        } else if !Formats.usualMediatypes.contains(Formats.mediatypeEssence(s)) {
            issues.warning(path(), "unusual_mediatype", "`mediatype` \"\(s.prefix(60))\" is not a usual one (the draft lists text/plain, audio/x-wav, audio/x-mp3, audio/ogg, video/x-mp4, multipart/mixed …); check it is what you meant.")
        }
    }

    /// Members of inline or external content.
    static let contentKeys = ["body", "encoding", "url", "content_hash"]
}
