import Delivery
import NewsStore
import Testing

@Suite struct RetryScheduleTests {
    @Test func theDefaultIsTheStandardWebhooksSchedule() throws {
        #expect(
            RetrySchedule.standard.delays == [
                .seconds(5), .seconds(300), .seconds(1800), .seconds(7200), .seconds(18_000), .seconds(36_000),
            ])
        #expect(RetrySchedule.standard.attempts == 7)
        #expect(RetrySchedule.standard.description == "5s,5m,30m,2h,5h,10h")
        #expect(try RetrySchedule(parsing: RetrySchedule.standard.description) == .standard)
    }

    @Test func eachFailedAttemptWaitsItsDelayAndTheLastFails() {
        let schedule = RetrySchedule.standard
        #expect(schedule.delay(afterAttempt: 1) == .seconds(5))
        #expect(schedule.delay(afterAttempt: 2) == .seconds(300))
        #expect(schedule.delay(afterAttempt: 6) == .seconds(36_000))
        #expect(schedule.delay(afterAttempt: 7) == nil)
        #expect(schedule.delay(afterAttempt: 0) == nil)
    }

    @Test func aFailedAttemptIsRetriedAfterItsDelayUntilTheDelaysRunOut() {
        let schedule = RetrySchedule.standard
        let end = Timestamp(milliseconds: 1_000_000)
        let second = schedule.afterFailure(ofAttempt: 2, endedAt: end)
        #expect(second.outcome == .retry && second.retryAt == Timestamp(milliseconds: 1_300_000))
        let last = schedule.afterFailure(ofAttempt: 7, endedAt: end)
        #expect(last.outcome == .failed && last.retryAt == nil)
    }

    @Test(arguments: [
        ("0.2", [Duration.milliseconds(200)]),
        ("150ms, 1s,2m ,1h", [.milliseconds(150), .seconds(1), .seconds(120), .seconds(3600)]),
        ("1.5s", [.milliseconds(1500)]),
    ])
    func parsesUnitsAndBareSeconds(text: String, delays: [Duration]) throws {
        #expect(try RetrySchedule(parsing: text).delays == delays)
    }

    @Test(arguments: ["", "5s,,5m", "5x", "-1s", "0s", "8d", "s", "1e3", "5 m", String(repeating: "1s,", count: 20) + "1s"])
    func refusesWhatIsNotASchedule(text: String) {
        #expect(throws: RetrySchedule.ParseError.self) { try RetrySchedule(parsing: text) }
    }
}
