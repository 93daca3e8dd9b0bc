import JSONCore

/// A participant. Every member is optional; unknown members (`role`, `meta`, vendor ids …) stay in `extra`.
public struct Party: Sendable, Equatable, JSONConvertible {
    public var tel: String?
    public var sip: String?
    public var stir: String?
    public var mailto: String?
    public var name: String?
    public var did: String?
    public var validation: String?
    public var gmlpos: String?
    public var civicAddress: CivicAddress?
    public var uuid: String?
    public var type: String?
    public var org: String?
    public var dept: String?
    public var role: String?
    public var extra: JSONObject

    public init(tel: String? = nil, sip: String? = nil, stir: String? = nil, mailto: String? = nil, name: String? = nil,
                did: String? = nil, validation: String? = nil, gmlpos: String? = nil, civicAddress: CivicAddress? = nil,
                uuid: String? = nil, type: String? = nil, org: String? = nil, dept: String? = nil, role: String? = nil,
                extra: JSONObject = JSONObject()) {
        self.tel = tel; self.sip = sip; self.stir = stir; self.mailto = mailto; self.name = name; self.did = did
        self.validation = validation; self.gmlpos = gmlpos; self.civicAddress = civicAddress; self.uuid = uuid
        self.type = type; self.org = org; self.dept = dept; self.role = role; self.extra = extra
    }

    static let keys: Set<String> = ["tel", "sip", "stir", "mailto", "name", "did", "validation", "gmlpos", "civicaddress",
                                    "uuid", "type", "org", "dept", "role"]

    public init(json: JSON, path: String = "party") throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        tel = try r.string("tel"); sip = try r.string("sip"); stir = try r.string("stir")
        mailto = try r.string("mailto"); name = try r.string("name"); did = try r.string("did")
        validation = try r.string("validation"); gmlpos = try r.string("gmlpos")
        if let c = r.object["civicaddress"] { civicAddress = try CivicAddress(json: c, path: r.at("civicaddress")) }
        uuid = try r.string("uuid"); type = try r.string("type"); org = try r.string("org")
        dept = try r.string("dept"); role = try r.string("role")
        extra = r.extra(known: Self.keys)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 8 + extra.count)
        w.set("tel", tel); w.set("sip", sip); w.set("stir", stir); w.set("mailto", mailto); w.set("name", name)
        w.set("did", did); w.set("validation", validation); w.set("gmlpos", gmlpos); w.set("civicaddress", civicAddress)
        w.set("uuid", uuid); w.set("type", type); w.set("org", org); w.set("dept", dept); w.set("role", role)
        w.merge(extra)
        return w.json
    }
}

/// A civic address (RFC 5139 element names).
public struct CivicAddress: Sendable, Equatable, JSONConvertible {
    /// Values by element name (`country`, `a1` … `a6`, `prd`, `pod`, `sts`, `hno`, `hns`, `lmk`, `loc`, `flr`, `nam`, `pc`).
    public var elements: [String: String]
    public var extra: JSONObject

    public static let elementNames = ["country", "a1", "a2", "a3", "a4", "a5", "a6", "prd", "pod", "sts", "hno", "hns",
                                      "lmk", "loc", "flr", "nam", "pc"]

    public init(elements: [String: String] = [:], extra: JSONObject = JSONObject()) {
        self.elements = elements; self.extra = extra
    }

    public subscript(element: String) -> String? {
        get { elements[element] }
        set { elements[element] = newValue }
    }

    public init(json: JSON, path: String) throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        elements = [:]
        for name in Self.elementNames { if let v = try r.string(name) { elements[name] = v } }
        extra = r.extra(known: Set(Self.elementNames))
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: elements.count + extra.count)
        for name in Self.elementNames { w.set(name, elements[name]) }
        w.merge(extra)
        return w.json
    }
}
