import NewsStore

/// How long to wait before each retry of a failed delivery: after the first attempt fails the
/// first delay, and so on; when the delays run out the delivery has failed. The default is the
/// Standard Webhooks suggestion: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h (seven attempts over about
/// 17.5 hours).
public struct RetrySchedule: Sendable, Equatable, CustomStringConvertible {
    public let delays: [Duration]

    public static let standard = RetrySchedule(delays: [
        .seconds(5), .seconds(5 * 60), .seconds(30 * 60), .seconds(2 * 3600), .seconds(5 * 3600), .seconds(10 * 3600),
    ])
    /// The longest schedule accepted, and the longest delay in it (a week).
    public static let maximumRetries = 20
    public static let maximumDelay: Duration = .seconds(7 * 24 * 3600)

    public init(delays: [Duration]) {
        self.delays = delays
    }

    /// The schedule `text` spells: delays separated by commas, each a number with a unit `ms`,
    /// `s`, `m` or `h` (a bare number is seconds), e.g. `5s,5m,30m,2h,5h,10h` or `0.1,0.2`.
    public init(parsing text: String) throws(ParseError) {
        var delays: [Duration] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = String(part.trimmingWhitespace)
            guard let delay = Self.duration(trimmed) else {
                throw ParseError(description: "'\(trimmed)' is not a delay such as 5s, 5m, 2h or 0.5 (seconds)")
            }
            guard delay > .zero, delay <= Self.maximumDelay else {
                throw ParseError(description: "'\(trimmed)' must be more than 0 and at most 7 days")
            }
            delays.append(delay)
        }
        guard delays.count <= Self.maximumRetries else {
            throw ParseError(description: "at most \(Self.maximumRetries) retries")
        }
        self.init(delays: delays)
    }

    /// The wait after attempt number `attempt` (1 for the first) failed; nil when it was the last.
    public func delay(afterAttempt attempt: Int) -> Duration? {
        (1...delays.count).contains(attempt) ? delays[attempt - 1] : nil
    }

    /// What becomes of a delivery whose attempt number `attempt` (1 for the first) failed and
    /// ended at `end`: another attempt after the schedule's delay, or failure when it has none.
    public func afterFailure(ofAttempt attempt: Int, endedAt end: Timestamp) -> (outcome: DeliveryOutcome, retryAt: Timestamp?) {
        guard let delay = delay(afterAttempt: attempt) else { return (.failed, nil) }
        return (.retry, end + delay)
    }

    /// How many attempts a delivery gets in all.
    public var attempts: Int { delays.count + 1 }

    /// The schedule as `init(parsing:)` reads it, in the largest exact unit of each delay.
    public var description: String {
        delays.map { delay in
            let milliseconds = delay.wholeMilliseconds
            for (unit, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)] where milliseconds % size == 0 {
                return "\(milliseconds / size)\(unit)"
            }
            return "\(milliseconds)ms"
        }.joined(separator: ",")
    }

    private static func duration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        let (number, scale) = units.first { text.hasSuffix($0.0) }.map { (String(text.dropLast($0.0.count)), $0.1) } ?? (text, 1)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(number) else {
            return nil
        }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }
}
