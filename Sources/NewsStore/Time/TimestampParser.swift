/// The textual forms a `Timestamp` can be read from.
enum TimestampSyntax {
    /// An RFC 3339 date-time: the offset (`Z` or `±HH:MM`) is required.
    case rfc3339
    /// A bare date, or a date-time whose offset may be omitted; both mean UTC.
    case dateOrDateTime
}

/// A strict, byte-level reader of `YYYY-MM-DD[THH:MM:SS[.fraction][Z|±HH:MM]]`: fixed-width
/// zero-padded fields with checked ranges, nothing before or after.
struct TimestampParser {
    private let text: [UInt8]
    private var position = 0

    /// Milliseconds since the epoch for `string` in `syntax`, or nil if it is anything else.
    static func milliseconds(in string: String, syntax: TimestampSyntax) -> Int64? {
        // `9999-12-31T23:59:60.999999999+23:59` is the longest valid text; refuse longer garbage uncopied.
        guard string.utf8.count <= 35 else { return nil }
        var parser = TimestampParser(text: Array(string.utf8))
        guard let milliseconds = parser.parse(syntax), Timestamp.rfc3339Range.contains(milliseconds) else {
            return nil
        }
        return milliseconds
    }

    private init(text: [UInt8]) {
        self.text = text
    }

    private mutating func parse(_ syntax: TimestampSyntax) -> Int64? {
        guard let year = number(digits: 4), year >= 1, consume("-"),
            let month = number(digits: 2), (1...12).contains(month), consume("-"),
            let day = number(digits: 2), (1...CivilDate.daysInMonth(month, of: year)).contains(day)
        else { return nil }
        let midnight = CivilDate(year: year, month: month, day: day).daysSinceEpoch * Timestamp.millisecondsPerDay
        if isAtEnd {
            return syntax == .dateOrDateTime ? midnight : nil
        }

        guard consume("T") || consume("t"),
            let hour = number(digits: 2), hour <= 23, consume(":"),
            let minute = number(digits: 2), minute <= 59, consume(":"),
            var second = number(digits: 2), second <= 60
        else { return nil }
        var millisecond: Int64 = 0
        if consume(".") {
            guard let fraction = fractionInMilliseconds() else { return nil }
            millisecond = fraction
        }
        if second == 60 {
            second = 59
            millisecond = 999
        }

        let offsetMinutes: Int64
        if isAtEnd {
            guard syntax == .dateOrDateTime else { return nil }
            offsetMinutes = 0
        } else if consume("Z") || consume("z") {
            offsetMinutes = 0
        } else {
            let sign: Int64
            if consume("+") {
                sign = 1
            } else if consume("-") {
                sign = -1
            } else {
                return nil
            }
            guard let offsetHour = number(digits: 2), offsetHour <= 23, consume(":"),
                let offsetMinute = number(digits: 2), offsetMinute <= 59
            else { return nil }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        }
        guard isAtEnd else { return nil }

        let localSecondOfDay = hour * 3600 + minute * 60 + second
        // Local time minus its offset is UTC: 12:00+03:00 is 09:00Z.
        return midnight + localSecondOfDay * 1000 + millisecond - offsetMinutes * 60_000
    }

    private var isAtEnd: Bool { position == text.count }

    /// Skips `character` if it is next.
    private mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard position < text.count, text[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Exactly `digits` ASCII digits as a number; no sign, no shorter unpadded spellings.
    private mutating func number(digits: Int) -> Int64? {
        guard text.count - position >= digits else { return nil }
        var value: Int64 = 0
        for _ in 0..<digits {
            guard let digit = digit(at: position) else { return nil }
            value = value * 10 + digit
            position += 1
        }
        return value
    }

    /// 1 to 9 fraction digits after the `.`, truncated (not rounded) to milliseconds.
    private mutating func fractionInMilliseconds() -> Int64? {
        var milliseconds: Int64 = 0
        var placeValue: Int64 = 100  // tenths are 100 ms; from the fourth digit on it is 0
        var count = 0
        while let digit = digit(at: position) {
            milliseconds += digit * placeValue
            placeValue /= 10
            count += 1
            position += 1
        }
        return (1...9).contains(count) ? milliseconds : nil
    }

    private func digit(at index: Int) -> Int64? {
        guard index < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) else { return nil }
        return Int64(text[index] - UInt8(ascii: "0"))
    }
}
