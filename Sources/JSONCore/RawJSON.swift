/// Bytes that already hold one complete, valid JSON value (UTF-8).
public struct RawJSON: Sendable, Equatable, Hashable {
    public let bytes: [UInt8]

    /// Wraps bytes the caller vouches for (read back from our own store, say).
    public init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Wraps bytes after checking that they parse as one JSON value.
    public init(validating bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        self.bytes = bytes
    }

    /// The encoded form of `value`.
    public init(encoding value: JSON) { self.bytes = value.encoded() }

    public var count: Int { bytes.count }
    public func parsed() throws(JSONParseError) -> JSON { try JSON.parse(bytes) }
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
