/// A span of time as people write it in a request or on the command line: a whole number and
/// a unit, `90s`, `30m`, `24h`, `7d`.
public enum TimeSpan {
    /// Parses `<digits><unit>` with unit `s`, `m`, `h` or `d`; nil for anything else, zero
    /// included. At most six digits, so no span comes near overflowing a timestamp.
    public static func parse(_ text: String) -> Duration? {
        guard let unit = text.last, (2...7).contains(text.count) else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits), count > 0 else { return nil }
        switch unit {
        case "s": return .seconds(count)
        case "m": return .seconds(count * 60)
        case "h": return .seconds(count * 3600)
        case "d": return .seconds(count * 86_400)
        default: return nil
        }
    }
}
