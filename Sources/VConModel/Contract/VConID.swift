/// A vCon's identity: a UUID in canonical lowercase 8-4-4-4-12 form.
public struct VConID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let string: String

    /// Accepts any RFC 4122/9562 textual UUID (case-insensitive); nil otherwise.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        for (i, b) in bytes.enumerated() {
            switch i {
            case 8, 13, 18, 23: guard b == UInt8(ascii: "-") else { return nil }
            default:
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): break
                default: return nil
                }
            }
        }
        string = text.lowercased()
    }

    public var description: String { string }
    public static func < (a: VConID, b: VConID) -> Bool { a.string < b.string }
}
