/// Why bytes are not acceptable JSON, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case unexpectedEnd = "unexpected end of input"
        case unexpectedByte = "unexpected character"
        case invalidNumber = "invalid number"
        case invalidString = "invalid string (control character or bad escape)"
        case invalidUTF8 = "invalid UTF-8"
        case tooDeep = "nesting deeper than the allowed maximum"
        case trailingData = "unexpected data after the JSON value"
        case duplicateKey = "duplicate object key"
    }
    public let reason: Reason
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason.rawValue) at byte \(offset)" }
}
