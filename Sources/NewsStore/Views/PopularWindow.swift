/// The spans the "most read" listing ranks over, each ending now.
public enum PopularWindow: String, CaseIterable, Sendable {
    case day = "24h"
    case week = "7d"
    case month = "30d"

    public var days: Int64 {
        switch self {
        case .day: 1
        case .week: 7
        case .month: 30
        }
    }

    /// The day buckets that count for the window ending at `now`.
    ///
    /// Views are kept per UTC day, and a window of N days ending now starts partway into the
    /// day N days ago: today's bucket and the N - 1 before it lie wholly inside, the oldest
    /// only in part. That bucket counts in proportion to its share of the window, as if its
    /// views were spread evenly over its day: at 18:00 the 24h window holds today's views and
    /// a quarter of yesterday's. Rankings so move smoothly through midnight instead of
    /// starting over at 00:01 from a minute of views.
    public func buckets(endingAt now: Timestamp) -> ViewBuckets {
        let (today, elapsed) = now.utcDay
        return ViewBuckets(oldestDay: today - days, newestDay: today, oldestDayShare: Timestamp.millisecondsPerDay - elapsed)
    }

    /// The oldest bucket any window may still read on `today`, with a day of margin so that a
    /// clock set back a little never finds its buckets gone; older ones can be deleted.
    static func oldestKeptDay(today: Int64) -> Int64 {
        today - PopularWindow.allCases.map(\.days).max()! - 1
    }
}

/// A run of day buckets: whole days, except the oldest, which counts in part.
public struct ViewBuckets: Sendable, Equatable {
    public let oldestDay: Int64
    public let newestDay: Int64
    /// Milliseconds of the oldest day inside the window, out of the 86,400,000 of a whole day.
    public let oldestDayShare: Int64
}
