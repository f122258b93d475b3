import Testing

@testable import HTTP

@Suite struct RateLimiterTests {
    static let second: UInt64 = 1_000_000_000

    @Test func aBurstIsAdmittedThenTheRate() {
        let limiter = RateLimiter<String>(RateLimit(60, per: .seconds(60), burst: 3))
        for _ in 0..<3 { #expect(limiter.admit("a", now: 0) == .admitted) }
        #expect(limiter.admit("a", now: 0) == .refused(retryAfter: .seconds(1)))
        // Half a token later: still half a second to wait.
        #expect(limiter.admit("a", now: Self.second / 2) == .refused(retryAfter: .milliseconds(500)))
        #expect(limiter.admit("a", now: Self.second) == .admitted)
        #expect(limiter.admit("a", now: Self.second) == .refused(retryAfter: .seconds(1)))
        // Another key has its own bucket.
        #expect(limiter.admit("b", now: Self.second) == .admitted)
    }

    @Test func aBucketRefillsOnlyUpToTheBurst() {
        let limiter = RateLimiter<String>(RateLimit(1, per: .seconds(1), burst: 2))
        #expect(limiter.admit("a", now: 0) == .admitted)
        let later = 1_000 * Self.second
        #expect(limiter.admit("a", now: later) == .admitted)
        #expect(limiter.admit("a", now: later) == .admitted)
        #expect(limiter.admit("a", now: later) == .refused(retryAfter: .seconds(1)))
    }

    /// Once per window per key: the shape the view de-duplication uses.
    @Test func aBurstOfOneIsOncePerPeriod() {
        let limiter = RateLimiter<String>(RateLimit(1, per: .seconds(600), burst: 1))
        #expect(limiter.admit("client 7", now: 0) == .admitted)
        #expect(limiter.admit("client 7", now: 599 * Self.second) == .refused(retryAfter: .seconds(1)))
        #expect(limiter.admit("client 7", now: 600 * Self.second) == .admitted)
    }

    @Test func keysIdleForAGenerationAreForgottenFirst() {
        // One shard of two generations of 50 keys each.
        let limiter = RateLimiter<Int>(RateLimit(1, per: .seconds(3600), burst: 1), capacity: 100, shards: 1)
        for key in 0..<50 { #expect(limiter.admit(key, now: 0) == .admitted) }
        // Key 0 keeps being used: it moves into the new generation and is remembered.
        for key in 50..<99 { #expect(limiter.admit(key, now: 0) == .admitted) }
        #expect(limiter.admit(0, now: 0) != .admitted)
        for key in 100..<200 { _ = limiter.admit(key, now: 0) }
        #expect(limiter.count <= 100)
        #expect(limiter.admit(0, now: 0) == .admitted, "idle for two generations: forgotten, a full bucket again")
        #expect(limiter.admit(199, now: 0) != .admitted, "recent keys are remembered")
    }

    @Test func memoryStaysBoundedUnderAFloodOfActiveKeys() {
        let limiter = RateLimiter<Int>(RateLimit(1, per: .seconds(3600), burst: 1), capacity: 64, shards: 4)
        for key in 0..<10_000 { _ = limiter.admit(key, now: UInt64(key)) }
        #expect(limiter.count <= 64)
        // The most recent keys are the ones kept.
        #expect(limiter.admit(9_999, now: 10_000) != .admitted)
    }
}
