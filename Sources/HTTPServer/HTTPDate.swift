import Glibc

/// IMF-fixdate (RFC 9110 §5.6.7) for the Date field, recomputed at most once a second.
struct HTTPDateCache {
    private var second: time_t = -1
    private var text: [UInt8] = []

    /// The current date, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    mutating func current() -> [UInt8] {
        let now = time(nil)
        if now != second {
            second = now
            text = Array(Self.format(now).utf8)
        }
        return text
    }

    static func format(_ seconds: time_t) -> String {
        var seconds = seconds
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let weekday = days[Int(parts.tm_wday) % 7], month = months[Int(parts.tm_mon) % 12]
        return "\(weekday), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
