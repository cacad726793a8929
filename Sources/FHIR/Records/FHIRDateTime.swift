import Foundation

/// A FHIR R4 `date`, `dateTime` or `instant` value, validated, with its original text.
///
/// Grammar: https://hl7.org/fhir/R4/datatypes.html#dateTime — `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
/// or `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`; a time always carries a zone.
public struct FHIRDateTime: Hashable, Sendable, CustomStringConvertible {
    /// How much of the value is given.
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day, time
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The value exactly as in the source.
    public let text: String
    /// How much of the value is given.
    public let precision: Precision
    /// Seconds since 1970-01-01T00:00:00Z of the value's start.
    ///
    /// Exact for values with a time. A partial date has no zone, so it is taken as the start of
    /// that year, month or day in UTC: good for sorting and ranges, off by the local offset at most.
    public let secondsSince1970: Double

    /// The instant for sorting and comparisons (see `secondsSince1970` for partial dates).
    public var sortableUTC: Date { Date(timeIntervalSince1970: secondsSince1970) }

    public var description: String { text }

    /// Parses a `dateTime` (which includes every `date` form); `nil` if the text breaks the grammar.
    public init?(_ text: String) {
        guard let parsed = Self.parse(Array(text.utf8)) else { return nil }
        self.text = text
        self.precision = parsed.precision
        self.secondsSince1970 = parsed.seconds
    }

    /// Parses a `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `nil` for anything else, times included.
    public init?(date text: String) {
        guard let parsed = Self.parse(Array(text.utf8)), parsed.precision != .time else { return nil }
        self.text = text
        self.precision = parsed.precision
        self.secondsSince1970 = parsed.seconds
    }

    private static func parse(_ bytes: [UInt8]) -> (precision: Precision, seconds: Double)? {
        var cursor = 0
        func number(_ digits: Int) -> Int? {
            guard cursor + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[cursor..<cursor + digits] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            cursor += digits
            return value
        }
        func expect(_ character: Unicode.Scalar) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: character) else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), year >= 1 else { return nil }
        if cursor == bytes.count { return (.year, Double(daysSince1970(year, 1, 1)) * 86_400) }
        guard expect("-"), let month = number(2), (1...12).contains(month) else { return nil }
        if cursor == bytes.count { return (.month, Double(daysSince1970(year, month, 1)) * 86_400) }
        guard expect("-"), let day = number(2), day >= 1, day <= daysIn(month, of: year) else { return nil }
        let midnight = Double(daysSince1970(year, month, day)) * 86_400
        if cursor == bytes.count { return (.day, midnight) }
        guard expect("T"), let hour = number(2), hour <= 23, expect(":"), let minute = number(2), minute <= 59,
              expect(":"), let second = number(2), second <= 60 else { return nil }
        var fraction = 0.0
        if expect(".") {
            var scale = 0.1
            let start = cursor
            while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
                fraction += Double(bytes[cursor] - UInt8(ascii: "0")) * scale
                scale /= 10
                cursor += 1
            }
            guard cursor > start else { return nil }
        }
        var offset = 0
        if !expect("Z") {
            guard cursor < bytes.count else { return nil }
            let sign = bytes[cursor] == UInt8(ascii: "-") ? -1 : 1
            guard expect("+") || expect("-"), let offsetHours = number(2), expect(":"), let offsetMinutes = number(2),
                  offsetMinutes <= 59, offsetHours < 14 || (offsetHours == 14 && offsetMinutes == 0) else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard cursor == bytes.count else { return nil }
        return (.time, midnight + Double(hour * 3600 + minute * 60 + second - offset) + fraction)
    }

    private static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant, "chrono-Compatible
    /// Low-Level Date Algorithms", days_from_civil).
    private static func daysSince1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
