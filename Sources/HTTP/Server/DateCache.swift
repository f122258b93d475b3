import Glibc
import Synchronization

/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per second.
final class DateCache: Sendable {
    private let cached = Mutex<(second: Int, bytes: [UInt8])>((-1, []))

    /// The current value, e.g. `Sun, 29 Nov 2026 12:41:12 GMT`.
    func current() -> [UInt8] {
        let now = time(nil)
        return cached.withLock { cached in
            if cached.second != now {
                cached = (now, Self.format(now))
            }
            return cached.bytes
        }
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ seconds: time_t) -> [UInt8] {
        var seconds = seconds
        var time = tm()
        gmtime_r(&seconds, &time)
        func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text =
            "\(weekdays[Int(time.tm_wday)]), \(twoDigits(time.tm_mday)) \(months[Int(time.tm_mon)]) \(time.tm_year + 1900) "
            + "\(twoDigits(time.tm_hour)):\(twoDigits(time.tm_min)):\(twoDigits(time.tm_sec)) GMT"
        return Array(text.utf8)
    }
}
