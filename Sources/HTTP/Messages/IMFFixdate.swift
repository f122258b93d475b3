import Glibc

/// A time as IMF-fixdate (RFC 9110 §5.6.7), `Sun, 06 Nov 1994 08:49:37 GMT`: HTTP's `Date`,
/// and the RFC 822 form (four-digit year, `GMT`) that RSS dates take.
public enum IMFFixdate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The UTC time `seconds` after the Unix epoch.
    public static func format(secondsSinceEpoch seconds: Int) -> String {
        var seconds = time_t(seconds)
        var time = tm()
        gmtime_r(&seconds, &time)
        func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[Int(time.tm_wday)]), \(twoDigits(time.tm_mday)) \(months[Int(time.tm_mon)]) \(time.tm_year + 1900) "
            + "\(twoDigits(time.tm_hour)):\(twoDigits(time.tm_min)):\(twoDigits(time.tm_sec)) GMT"
    }
}
