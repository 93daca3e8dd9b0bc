/// What the validator tolerates.
public struct ValidationOptions: Sendable {
    /// Legacy tolerance: an attachment without `party` is a warning instead of an error (real
    /// producers omit it and we cannot invent the contributor).
    public var lenient: Bool
    /// Extension names this server handles; a `critical` entry outside this set is an error.
    public var supportedExtensions: Set<String>

    public static let defaultSupportedExtensions: Set<String> = ["wtf_transcription"]

    public init(lenient: Bool = false, supportedExtensions: Set<String> = ValidationOptions.defaultSupportedExtensions) {
        self.lenient = lenient
        self.supportedExtensions = supportedExtensions
    }

    public static let strict = ValidationOptions()
}
