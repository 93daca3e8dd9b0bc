/// RFC 3339 date-time reading without Foundation's formatters (slow, and not needed for a check).
public enum RFC3339 {
    public enum Verdict: Sendable, Equatable {
        case valid(epochSeconds: Double)
        /// A well-formed local date-time without `Z` or an offset (Python's naive `isoformat()`).
        case missingOffset
        case invalid
    }

    /// Checks `text` against RFC 3339 `date-time` (`T` or `t` separator, fraction allowed, `Z` or ±hh:mm).
    public static func check(_ text: String) -> Verdict {
        var copy = text
        return copy.withUTF8 { check(utf8: $0) }
    }

    public static func isValid(_ text: String) -> Bool {
        if case .valid = check(text) { return true }
        return false
    }

    /// Seconds since the Unix epoch, nil when `text` is not a valid RFC 3339 date-time.
    public static func epochSeconds(_ text: String) -> Double? {
        if case let .valid(s) = check(text) { return s }
        return nil
    }

    static func check(utf8 b: UnsafeBufferPointer<UInt8>) -> Verdict {
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard b.count >= 19,
              let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), b[16] == UInt8(ascii: ":"),
              let second = digits(17, 2)
        else { return .invalid }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
              hour <= 23, minute <= 59, second <= 60 else { return .invalid }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return .invalid }
        }
        if i == b.count { return .missingOffset }
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"),
                  let om = digits(i + 4, 2), oh <= 23, om <= 59 else { return .invalid }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        default:
            return .invalid
        }
        guard i == b.count else { return .invalid }
        let days = daysFromCivil(year, month, day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return .valid(epochSeconds: seconds)
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `milliseconds` since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func format(millisecondsSinceEpoch ms: Int64) -> String {
        let totalMs = Int(ms)
        var days = totalMs / 86_400_000
        var rest = totalMs % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        let (y, mo, d) = civilFromDays(days)
        let h = rest / 3_600_000, mi = (rest / 60_000) % 60, s = (rest / 1000) % 60, milli = rest % 1000
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(milli, 3))Z"
    }
}
