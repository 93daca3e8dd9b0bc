import JSONCore

/// A vCon in any of its three forms. Signed and encrypted forms are kept as received (their bytes
/// are what a signature or a key covers); only the unsigned form is typed member by member.
public enum VConDocument: Sendable, Equatable, JSONConvertible {
    case unsigned(VCon)
    case signed(SignedVCon)
    case encrypted(EncryptedVCon)

    public init(json: JSON) throws(VConDecodingError) {
        switch FormDetector.form(of: json) {
        case .unsigned: self = .unsigned(try VCon(json: json))
        case .signed: self = .signed(try SignedVCon(json: json))
        case .encrypted: self = .encrypted(try EncryptedVCon(json: json))
        }
    }

    public var form: VConForm {
        switch self { case .unsigned: return .unsigned; case .signed: return .signed; case .encrypted: return .encrypted }
    }

    public var json: JSON {
        switch self {
        case let .unsigned(v): return v.json
        case let .signed(s): return s.json
        case let .encrypted(e): return e.json
        }
    }
}

/// JWS general JSON serialization: a base64url payload (the unsigned vCon) and its signatures.
public struct SignedVCon: Sendable, Equatable, JSONConvertible {
    public var payload: String
    public var signatures: [JSONObject]
    public var extra: JSONObject

    public init(json: JSON) throws(VConDecodingError) {
        let r = try ObjectReader(json, path: "$")
        guard let p = try r.string("payload") else { throw VConDecodingError(path: "payload", expected: "string", found: "nothing") }
        payload = p
        signatures = try r.array("signatures") { v, path throws(VConDecodingError) in try ObjectReader(v, path: path).object } ?? []
        extra = r.extra(known: ["payload", "signatures"])
    }

    /// The uuid from a signature's unprotected header, else from the payload.
    public var uuid: VConID? {
        var issues = IssueList()
        var o = extra
        o["payload"] = .string(payload)
        o["signatures"] = .array(signatures.map(JSON.object))
        return FormDetector.signedUUID(o, issues: &issues)
    }

    /// The signed vCon, decoded from the payload (nil when the payload is not base64url JSON).
    public var payloadDocument: JSON? {
        guard let bytes = Base64URL.decode(payload) else { return nil }
        return try? JSON.parse(bytes)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 2 + extra.count)
        w.set("payload", payload)
        w.set("signatures", JSON.array(signatures.map(JSON.object)))
        w.merge(extra)
        return w.json
    }
}

/// JWE JSON serialization of a vCon.
public struct EncryptedVCon: Sendable, Equatable, JSONConvertible {
    public var protected: String?
    public var unprotected: JSONObject?
    public var recipients: [JSONObject]?
    public var iv: String?
    public var ciphertext: String
    public var tag: String?
    public var extra: JSONObject

    public init(json: JSON) throws(VConDecodingError) {
        let r = try ObjectReader(json, path: "$")
        guard let c = try r.string("ciphertext") else { throw VConDecodingError(path: "ciphertext", expected: "string", found: "nothing") }
        ciphertext = c
        protected = try r.string("protected")
        unprotected = try r.objectMember("unprotected")
        recipients = try r.array("recipients") { v, path throws(VConDecodingError) in try ObjectReader(v, path: path).object }
        iv = try r.string("iv")
        tag = try r.string("tag")
        extra = r.extra(known: ["protected", "unprotected", "recipients", "iv", "ciphertext", "tag"])
    }

    public var uuid: VConID? { unprotected?["uuid"]?.stringValue.flatMap(VConID.init) }

    public var json: JSON {
        var w = ObjectWriter(capacity: 6 + extra.count)
        w.set("protected", protected)
        w.set("unprotected", unprotected.map(JSON.object))
        w.set("recipients", recipients.map { JSON.array($0.map(JSON.object)) })
        w.set("iv", iv)
        w.set("ciphertext", ciphertext)
        w.set("tag", tag)
        w.merge(extra)
        return w.json
    }
}
