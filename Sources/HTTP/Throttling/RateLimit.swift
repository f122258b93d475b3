/// How fast one client may go: on average `count` requests per `period`, and up to `burst` at
/// once after a pause (a token bucket of `burst` tokens refilled at `count` per `period`).
public struct RateLimit: Sendable, Equatable {
    public var count: Int
    public var period: Duration
    public var burst: Int

    public init(_ count: Int, per period: Duration, burst: Int) {
        precondition(count > 0 && period > .zero && burst > 0, "a rate limit admits something")
        self.count = count
        self.period = period
        self.burst = burst
    }

    /// Tokens gained per nanosecond.
    var refillPerNanosecond: Double { Double(count) / Double(period.nanoseconds) }
}
