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

    static func format(_ seconds: time_t) -> [UInt8] {
        Array(IMFFixdate.format(secondsSinceEpoch: Int(seconds)).utf8)
    }
}
