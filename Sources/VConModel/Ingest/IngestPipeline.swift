import JSONCore

/// The work behind `VConIngest.ingest`: form, normalisation, validation.
enum IngestPipeline {
    static func run(bytes: [UInt8]?, value: JSON, mode: IngestMode, now: () -> String) -> IngestResult {
        let form = FormDetector.form(of: value)
        var issues = IssueList()
        switch form {
        case .signed, .encrypted:
            let o = value.objectValue ?? JSONObject()
            let uuid = form == .signed ? FormDetector.signedUUID(o, issues: &issues) : FormDetector.encryptedUUID(o, issues: &issues)
            return IngestResult(form: form, uuid: uuid, document: value, bytes: bytes ?? value.encoded(),
                                issues: issues.items, normalisations: [])
        case .unsigned:
            break
        }
        var normaliser = LegacyNormaliser()
        let normalised = normaliser.normalise(value, now: now)
        let changes = normaliser.changes
        let lenient = mode == .lenient
        var found = VConValidator.validate(normalised, options: ValidationOptions(lenient: lenient))
        if !lenient { found += normaliser.strictIssues }
        let uuid = normalised["uuid"]?.stringValue.flatMap(VConID.init)
        let document = lenient ? normalised : value
        let out: [UInt8]
        if let bytes, !lenient || changes.isEmpty { out = bytes } else { out = document.encoded() }
        return IngestResult(form: .unsigned, uuid: uuid, document: document, bytes: out,
                            issues: found, normalisations: lenient ? changes : [])
    }
}
