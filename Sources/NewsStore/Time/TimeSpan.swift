/// A length of time as people type it for how long something lasts (a token's `--expires
/// 90d`, a link's `"expires_in": "24h"`): a whole number and a unit, `m` (minutes), `h`
/// (hours), `d` (days) or `w` (weeks). Nothing else is accepted: no signs, no spaces, no
/// fractions, no zero, and nothing beyond ten years, which no credential should outlive.
public enum TimeSpan {
    public static let longest = Duration.seconds(3650 * 86_400)
    /// What `parse` accepts, for messages.
    public static let syntax = "a whole number followed by m, h, d or w (minutes, hours, days, weeks), such as 24h or 90d, at most 3650d"

    public static func parse(_ text: String) -> Duration? {
        let bytes = Array(text.utf8)
        guard let unit = bytes.last, (2...7).contains(bytes.count) else { return nil }
        let digits = bytes.dropLast()
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let count = Int64(String(decoding: digits, as: UTF8.self)),
            count > 0
        else { return nil }
        let unitSeconds: Int64
        switch unit {
        case UInt8(ascii: "m"): unitSeconds = 60
        case UInt8(ascii: "h"): unitSeconds = 3600
        case UInt8(ascii: "d"): unitSeconds = 86_400
        case UInt8(ascii: "w"): unitSeconds = 7 * 86_400
        default: return nil
        }
        let span = Duration.seconds(count * unitSeconds)
        return span <= longest ? span : nil
    }
}
