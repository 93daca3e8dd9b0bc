import Foundation

/// Dates in search arguments: a day (`2026-01-31`) or an RFC 3339 timestamp with offset.
enum DateArgument {
    /// The RFC 3339 bound for `text`, or nil when it is neither form. A day used as an upper bound
    /// means the end of that day (the bound is exclusive), so `end_date: 2026-01-31` includes the 31st.
    static func bound(_ text: String, upper: Bool) -> String? {
        if let day = day(text) {
            return upper ? rfc3339(day.addingTimeInterval(86_400)) : rfc3339(day)
        }
        return isTimestamp(text) ? text : nil
    }

    /// Midnight UTC of a `YYYY-MM-DD` day.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: y, month: m, day: d)),
              calendar.component(.day, from: date) == d else { return nil }
        return date
    }

    static func rfc3339(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    private static func isTimestamp(_ text: String) -> Bool {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if f.date(from: text) != nil { return true }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text) != nil
    }
}
