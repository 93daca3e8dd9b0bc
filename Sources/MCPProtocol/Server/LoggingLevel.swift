/// `logging/setLevel` levels, in increasing severity (RFC 5424 names).
public enum LoggingLevel: String, Sendable, CaseIterable, Comparable {
    case debug, info, notice, warning, error, critical, alert, emergency

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: LoggingLevel, rhs: LoggingLevel) -> Bool { lhs.rank < rhs.rank }
}
