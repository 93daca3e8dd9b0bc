import JSONCore

// CONTRACT: the public surface Storage and VConMCP build on (implemented in Ingest/ and
// Validation/). Names and meanings are fixed; API may be added.

public enum IssueSeverity: String, Sendable, Equatable { case error, warning }

/// One problem found in a vCon, at a JSON path such as `dialog[2].parties[0]`.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let code: String        // stable machine code, e.g. "index_out_of_range"
    public let severity: IssueSeverity
    public let message: String     // tells a person or a model what to fix

    public init(path: String, code: String, severity: IssueSeverity, message: String) {
        self.path = path; self.code = code; self.severity = severity; self.message = message
    }
    public var description: String { "\(severity.rawValue) \(code) at \(path): \(message)" }
}

/// One change lenient ingest made to a legacy document (`appended` renamed to `amended` …).
public struct Normalisation: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let change: String
    public init(path: String, change: String) { self.path = path; self.change = change }
    public var description: String { "\(path): \(change)" }
}

public enum IngestMode: Sendable { case strict, lenient }

public enum VConForm: String, Sendable { case unsigned, signed, encrypted }

/// What ingest made of a document.
public struct IngestResult: Sendable {
    public let form: VConForm
    /// The vCon's uuid (for signed and encrypted forms, the one found in their headers); nil when none.
    public let uuid: VConID?
    /// The document to store: normalised for unsigned vCons, exactly as received otherwise.
    public let document: JSON
    /// The bytes to store: the received bytes when nothing was normalised (or the form is
    /// signed/encrypted), else the encoding of `document`.
    public let bytes: [UInt8]
    public let issues: [ValidationIssue]
    public let normalisations: [Normalisation]
    public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [ValidationIssue] { issues.filter { $0.severity == .warning } }
    public var isValid: Bool { uuid != nil && errors.isEmpty }

    public init(form: VConForm, uuid: VConID?, document: JSON, bytes: [UInt8], issues: [ValidationIssue], normalisations: [Normalisation]) {
        self.form = form; self.uuid = uuid; self.document = document; self.bytes = bytes
        self.issues = issues; self.normalisations = normalisations
    }
}

public enum VConIngest {
    /// Parses, recognises the form, normalises (lenient mode; strict mode reports as errors what
    /// lenient mode would have normalised) and validates. Never throws: problems are issues,
    /// a JSON syntax error is an issue at path `$`.
    public static func ingest(_ bytes: [UInt8], mode: IngestMode) -> IngestResult {
        ingest(bytes, mode: mode, now: VConBuilder.now)
    }

    public static func ingest(_ value: JSON, mode: IngestMode) -> IngestResult {
        ingest(value, mode: mode, now: VConBuilder.now)
    }

    /// As `ingest(_:mode:)`, with the clock used when lenient mode adds a missing `created_at`.
    public static func ingest(_ bytes: [UInt8], mode: IngestMode, now: () -> String) -> IngestResult {
        let value: JSON
        do {
            value = try JSON.parse(bytes)
        } catch {
            let issue = ValidationIssue(path: "$", code: "invalid_json", severity: .error,
                                        message: "The document is not valid JSON (\(error.description)); send one JSON object.")
            return IngestResult(form: .unsigned, uuid: nil, document: .null, bytes: bytes, issues: [issue], normalisations: [])
        }
        return IngestPipeline.run(bytes: bytes, value: value, mode: mode, now: now)
    }

    public static func ingest(_ value: JSON, mode: IngestMode, now: () -> String) -> IngestResult {
        let resolved = (try? value.resolvingRaw()) ?? value
        return IngestPipeline.run(bytes: nil, value: resolved, mode: mode, now: now)
    }
}

public enum VConValidator {
    /// Every issue of an unsigned vCon at once (errors and warnings), without normalising.
    public static func validate(_ document: JSON) -> [ValidationIssue] {
        validate(document, options: .strict)
    }

    /// Every issue of an unsigned vCon under `options` (lenient: legacy tolerances become warnings).
    public static func validate(_ document: JSON, options: ValidationOptions) -> [ValidationIssue] {
        var rules = DocumentRules(options: options)
        return rules.run(document)
    }
}
