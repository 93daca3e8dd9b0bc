import JSONCore

/// Recognises the JWS (signed) and JWE (encrypted) forms and finds their vCon uuid.
enum FormDetector {
    static func form(of document: JSON) -> VConForm {
        guard case let .object(o) = document else { return .unsigned }
        if o["payload"] != nil, o["signatures"] != nil { return .signed }
        if o["ciphertext"] != nil, o["recipients"] != nil || o["iv"] != nil || o["tag"] != nil { return .encrypted }
        return .unsigned
    }

    /// The uuid of a signed vCon: a signature's unprotected header `uuid`, else the payload's `uuid`.
    static func signedUUID(_ o: JSONObject, issues: inout IssueList) -> VConID? {
        if case let .array(signatures)? = o["signatures"] {
            for signature in signatures {
                if case let .string(s)? = signature["header"]?["uuid"], let id = VConID(s) { return id }
            }
        } else {
            issues.error("signatures", "invalid_type", "`signatures` of a JWS must be an array.")
        }
        if let payload = signedPayload(o) {
            if case let .string(s)? = payload["uuid"], let id = VConID(s) { return id }
        } else {
            issues.error("payload", "invalid_payload", "The JWS `payload` must be base64url of a JSON vCon.")
        }
        issues.error("signatures[0].header.uuid", "missing_required", "No uuid found: put the vCon's uuid in a signature header (`header.uuid`) or in the payload.")
        return nil
    }

    /// The vCon inside a JWS payload, when it decodes.
    static func signedPayload(_ o: JSONObject) -> JSON? {
        guard case let .string(p)? = o["payload"], let bytes = Base64URL.decode(p) else { return nil }
        return try? JSON.parse(bytes)
    }

    static func encryptedUUID(_ o: JSONObject, issues: inout IssueList) -> VConID? {
        if case let .string(s)? = o["unprotected"]?["uuid"], let id = VConID(s) { return id }
        issues.error("unprotected.uuid", "missing_required", "An encrypted vCon needs its uuid in the JWE `unprotected` header (`unprotected.uuid`).")
        return nil
    }

    /// The unsigned vCon readable from `document`: itself, a signed form's payload, nil when encrypted.
    static func readable(_ document: JSON) -> JSON? {
        if case let .raw(r) = document { return (try? r.parsed()).flatMap(readable) }
        switch form(of: document) {
        case .unsigned: return document
        case .signed:
            guard let o = document.objectValue, let payload = signedPayload(o), form(of: payload) == .unsigned else { return nil }
            return payload
        case .encrypted: return nil
        }
    }
}
