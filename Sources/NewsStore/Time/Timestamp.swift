import Glibc

/// An instant, as whole milliseconds since 1970-01-01T00:00:00Z: the form stored in SQLite.
/// Over the API it is an RFC 3339 string; leap seconds are not counted (POSIX time).
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since the Unix epoch, UTC; negative before 1970.
    public let milliseconds: Int64

    /// The instant `milliseconds` after the Unix epoch.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// The current wall-clock time (`CLOCK_REALTIME`), truncated to the millisecond.
    public static func now() -> Timestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Timestamp(milliseconds: Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000)
    }

    /// The instant `duration` later (earlier for a negative one), to the millisecond.
    public func adding(_ duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(milliseconds: milliseconds + seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// Parses an RFC 3339 date-time, `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, or returns nil.
    ///
    /// `T` and `Z` may be lowercase; the fraction has 1 to 9 digits and is truncated to the
    /// millisecond. A leap second (`:60`) is accepted and folded to `:59.999`, which keeps it
    /// ordered inside its minute without a leap-second table. The instant must fall within
    /// years 0001 to 9999 UTC, so that `rfc3339` can always write it back.
    public init?(rfc3339 text: String) {
        guard let milliseconds = TimestampParser.milliseconds(in: text, syntax: .rfc3339) else { return nil }
        self.milliseconds = milliseconds
    }

    /// Parses the API's looser form: a bare date `YYYY-MM-DD` (midnight UTC), or a date-time as
    /// for `init?(rfc3339:)` whose offset may be omitted, meaning UTC.
    public init?(dateOrDateTime text: String) {
        guard let milliseconds = TimestampParser.milliseconds(in: text, syntax: .dateOrDateTime) else { return nil }
        self.milliseconds = milliseconds
    }

    /// The instant in UTC as RFC 3339, e.g. `2025-07-04T09:30:00Z`, with `.123` only when the
    /// milliseconds are not zero. Valid RFC 3339 for years 0001 to 9999, which parsing guarantees.
    public var rfc3339: String {
        if hasFourDigitYear {
            return String(unsafeUninitializedCapacity: Self.longestRFC3339) { writeRFC3339(to: $0) }
        }
        // Only stored values never produced by parsing land here; spelled out, not fast.
        let (days, millisecondOfDay) = utcDay
        let date = CivilDate(daysSinceEpoch: days)
        let secondOfDay = millisecondOfDay / 1000
        let millisecond = millisecondOfDay % 1000
        var text = "\(padded(Int64(date.year), 4))-\(padded(Int64(date.month), 2))-\(padded(Int64(date.day), 2))"
        text += "T\(padded(secondOfDay / 3600, 2)):\(padded(secondOfDay / 60 % 60, 2)):\(padded(secondOfDay % 60, 2))"
        if millisecond != 0 { text += ".\(padded(millisecond, 3))" }
        return text + "Z"
    }

    /// Whether the UTC date's year is 0001 to 9999, the years `writeRFC3339` writes.
    var hasFourDigitYear: Bool { Self.rfc3339Range.contains(milliseconds) }

    /// The length of the longest `rfc3339` of a four-digit year, with milliseconds.
    static let longestRFC3339 = 24

    /// Writes `rfc3339` into `buffer` (at least `longestRFC3339` bytes) and returns its length,
    /// digit by digit: listings format three timestamps per item. Only if `hasFourDigitYear`.
    func writeRFC3339(to buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let (days, millisecondOfDay) = utcDay
        let date = CivilDate(daysSinceEpoch: days)
        let secondOfDay = millisecondOfDay / 1000
        let millisecond = millisecondOfDay % 1000
        var index = 0
        func put(_ value: Int64, digits: Int) {
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                buffer[index] = UInt8(ascii: "0") + UInt8(value / divisor % 10)
                index += 1
                divisor /= 10
            }
        }
        func put(_ character: Unicode.Scalar) {
            buffer[index] = UInt8(ascii: character)
            index += 1
        }
        put(Int64(date.year), digits: 4)
        put("-")
        put(Int64(date.month), digits: 2)
        put("-")
        put(Int64(date.day), digits: 2)
        put("T")
        put(secondOfDay / 3600, digits: 2)
        put(":")
        put(secondOfDay / 60 % 60, digits: 2)
        put(":")
        put(secondOfDay % 60, digits: 2)
        if millisecond != 0 {
            put(".")
            put(millisecond, digits: 3)
        }
        put("Z")
        return index
    }

    /// The UTC day it falls on, as whole days since 1970-01-01 (floored: before 1970 the
    /// earlier day), and how far into that day it is (never negative). Divides without
    /// multiplying back, so that even `Int64.min` cannot overflow.
    public var utcDay: (day: Int64, millisecondOfDay: Int64) {
        let remainder = milliseconds % Self.millisecondsPerDay
        return remainder < 0
            ? (milliseconds / Self.millisecondsPerDay - 1, remainder + Self.millisecondsPerDay)
            : (milliseconds / Self.millisecondsPerDay, remainder)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    static let millisecondsPerDay: Int64 = 86_400_000

    /// The instants whose UTC date has a four-digit year, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.
    static let rfc3339Range: ClosedRange<Int64> =
        CivilDate(year: 1, month: 1, day: 1).daysSinceEpoch * millisecondsPerDay...CivilDate(year: 10000, month: 1, day: 1).daysSinceEpoch
        * millisecondsPerDay - 1
}

/// `value` in decimal, zero-padded to `width` digits; a minus sign, if any, comes before the zeros.
private func padded(_ value: Int64, _ width: Int) -> String {
    let digits = String(value.magnitude)
    let zeros = String(repeating: "0", count: max(0, width - digits.count))
    return (value < 0 ? "-" : "") + zeros + digits
}

extension Timestamp {
    /// The instant `duration` later (earlier when negative), to the millisecond.
    public static func + (time: Timestamp, duration: Duration) -> Timestamp {
        Timestamp(milliseconds: time.milliseconds + duration.wholeMilliseconds)
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded toward zero.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
