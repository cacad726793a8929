import Foundation

/// UTC timestamps as stored and audited: ISO 8601 with milliseconds, `2026-11-30T06:24:15.123Z`.
/// Sorting the text sorts the instants.
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

    /// The stored text of an instant.
    public static func string(_ date: Date) -> String { style.format(date) }

    /// Parses stored text back; nil when it is not a timestamp.
    public static func date(_ text: String) -> Date? { try? style.parse(text) }

    /// The calendar date of an instant in a time zone (today's date for validation).
    public static func localDate(_ date: Date, in zone: TimeZone) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(year: 1970, month: 1, day: 1)!
    }
}
