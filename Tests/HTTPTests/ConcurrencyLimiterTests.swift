import Dispatch
import Testing

@testable import HTTP

@Suite struct ConcurrencyLimiterTests {
    @Test func aKeyMayHaveUpToTheLimitUnderWay() {
        let limiter = ConcurrencyLimiter<String>(limit: 2)
        #expect(limiter.start("a"))
        #expect(limiter.start("a"))
        #expect(!limiter.start("a"))
        #expect(limiter.running("a") == 2)
        // Another key is not held back.
        #expect(limiter.start("b"))
        limiter.finish("a")
        #expect(limiter.start("a"))
        #expect(!limiter.start("a"))
    }

    @Test func aKeyWithNothingUnderWayIsForgotten() {
        let limiter = ConcurrencyLimiter<Int>(limit: 3, shards: 1)
        for key in 0..<1_000 {
            #expect(limiter.start(key))
            limiter.finish(key)
        }
        #expect((0..<1_000).allSatisfy { limiter.running($0) == 0 })
        // A finish without a start does not go below zero or leave an entry.
        limiter.finish(7)
        #expect(limiter.running(7) == 0)
    }

    @Test func concurrentStartsNeverExceedTheLimit() {
        let limiter = ConcurrencyLimiter<String>(limit: 5)
        let admitted = DispatchQueue(label: "count")
        nonisolated(unsafe) var total = 0
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            if limiter.start("client") { admitted.sync { total += 1 } }
        }
        #expect(total == 5)
        #expect(limiter.running("client") == 5)
    }
}
