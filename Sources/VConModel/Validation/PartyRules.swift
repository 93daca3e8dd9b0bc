import JSONCore

extension DocumentRules {
    mutating func checkParty(_ value: JSON, path: String) {
        guard case let .object(p) = value else {
            issues.error(path, "invalid_type", "Each party must be an object, not \(value.kindName).")
            return
        }
        for key in ["tel", "sip", "stir", "mailto", "name", "did", "validation", "gmlpos", "uuid", "org", "dept", "role", "type"] {
            checkString(p[key], path: Path.member(path, key))
        }
        if case let .string(tel)? = p["tel"], !Formats.isE164(tel) {
            issues.warning(Path.member(path, "tel"), "tel_not_e164", "`tel` is not in E.164 form (+ and up to 15 digits, e.g. +15550100).")
        }
        if p["name"] != nil, p["validation"] == nil {
            issues.warning(Path.member(path, "name"), "name_without_validation", "`name` has no `validation` saying how the name was verified.")
        }
        if let t = p["type"] {
            if case let .string(s) = t, !KnownKeys.partyTypes.contains(s) {
                issues.warning(Path.member(path, "type"), "unknown_party_type", "Party `type` should be \"person\", \"bot\" or \"organization\".")
            }
        }
        if let civic = p["civicaddress"] {
            let civicPath = Path.member(path, "civicaddress")
            if case let .object(c) = civic {
                for key in c.keys where KnownKeys.civicAddress.contains(key) { checkString(c[key], path: Path.member(civicPath, key)) }
                unknownKeys(c, known: KnownKeys.civicAddress, path: civicPath)
            } else {
                issues.error(civicPath, "invalid_type", "`civicaddress` must be an object (country, a1…a6, pc …).")
            }
        }
        unknownKeys(p, known: KnownKeys.party, path: path)
    }
}
