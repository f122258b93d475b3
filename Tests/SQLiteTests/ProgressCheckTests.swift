import Glibc
import SQLite
import TestSupport
import Testing

/// `Connection.withProgressCheck`: a query that would run for minutes stops when its deadline
/// passes or when another thread raises a flag, and the connection works normally afterwards.
@Suite struct ProgressCheckTests {
    /// Counts to a billion: minutes of work, a few instructions per row, no I/O.
    static let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"

    @Test func aQueryPastItsDeadlineIsInterrupted() throws {
        try withTemporaryDatabasePath { path in
            let db = try Connection(path: path)
            let started = ContinuousClock.now
            let deadline = started + .milliseconds(50)
            let error = expectError(SQLiteError.self) {
                try db.withProgressCheck(every: 1000, stopWhen: { ContinuousClock.now > deadline }) {
                    try scalarInt(db, Self.endless)
                }
            }
            #expect(error?.isInterrupted == true)
            // Stopped just after the deadline, not minutes later.
            #expect(ContinuousClock.now - started < .seconds(2))
            // The check is gone with the call: the same statement runs to its end afterwards.
            #expect(try scalarInt(db, "SELECT count(*) FROM (\(Self.endless.replacing("1000000000", with: "100000")))") == 1)
            #expect(try scalarInt(db, "SELECT 7") == 7)
        }
    }

    @Test func aFlagRaisedByAnotherThreadInterruptsTheQuery() throws {
        try withTemporaryDatabasePath { path in
            let db = try Connection(path: path)
            let stop = Signal()
            let raiser = try TestThread {
                usleep(30_000)
                stop.set()
            }
            let started = ContinuousClock.now
            let error = expectError(SQLiteError.self) {
                try db.withProgressCheck(every: 1000, stopWhen: { stop.wait(seconds: 0) }) {
                    try scalarInt(db, Self.endless)
                }
            }
            raiser.join()
            #expect(error?.isInterrupted == true)
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(try scalarInt(db, "SELECT 7") == 7)
        }
    }

    @Test func aQueryThatFinishesInTimeIsUntouched() throws {
        try withTemporaryDatabasePath { path in
            let db = try Connection(path: path)
            var checks = 0
            let total = try db.withProgressCheck(
                every: 100,
                stopWhen: {
                    checks += 1
                    return false
                }
            ) { try scalarInt(db, Self.endless.replacing("1000000000", with: "10000")) }
            #expect(total == 10000)
            // The check ran while the query did.
            #expect(checks > 10)
        }
    }
}
