import Glibc
import SQLite
import TestSupport
import Testing

private struct Abort: Error {}

private func withPool(readerCount: Int = 4, _ body: (ConnectionPool, String) throws -> Void) throws {
    try withTemporaryDatabasePath { path in
        let pool = try ConnectionPool(path: path, readerCount: readerCount)
        defer { pool.close() }
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
        }
        try body(pool, path)
    }
}

private func articleCount(_ db: Connection) throws -> Int {
    try scalarInt(db, "SELECT count(*) FROM article")
}

private func insertArticle(_ db: Connection, _ title: String) throws {
    try db.withStatement("INSERT INTO article (title) VALUES (?)") { statement in
        try statement.bind(title, at: 1)
        try statement.executeUpdate()
    }
}

@Test func poolUsesWALAndForeignKeysOnEveryConnection() throws {
    try withPool { pool, _ throws in
        #expect(try pool.read { try scalarString($0, "PRAGMA journal_mode") } == "wal")
        #expect(try pool.read { try scalarInt($0, "PRAGMA foreign_keys") } == 1)
        #expect(try pool.write { try scalarInt($0, "PRAGMA foreign_keys") } == 1)
        #expect(try pool.write { try scalarInt($0, "PRAGMA synchronous") } == 2)
    }
}

@Test func readerSeesCommittedWrites() throws {
    try withPool { pool, _ throws in
        try pool.write { try insertArticle($0, "First") }
        let titles = try pool.read { db in
            try db.withStatement("SELECT title FROM article") { try $0.mapRows { $0.string(at: 0) } }
        }
        #expect(titles == ["First"])
    }
}

@Test func aReadOfStatementsAloneSeesEachWriteAsItsStatementStarts() throws {
    try withPool(readerCount: 1) { pool, _ throws in
        try pool.write { try insertArticle($0, "First") }
        let counts = try pool.readStatementsAlone { db in
            #expect(!db.isInTransaction)
            let before = try articleCount(db)
            // A write committing between two statements shows in the second, as it would not
            // inside `read`'s one snapshot.
            try pool.write { try insertArticle($0, "Second") }
            return (before, try articleCount(db))
        }
        #expect(counts.0 == 1 && counts.1 == 2)
        // Nothing is left open on the reader: a read after it sees a later write too.
        try pool.write { try insertArticle($0, "Third") }
        #expect(try pool.read { try articleCount($0) } == 3)
    }
}

@Test func writeThatThrowsLeavesNothing() throws {
    try withPool { pool, _ throws in
        expectError(Abort.self) {
            try pool.write { db in
                try insertArticle(db, "One")
                try insertArticle(db, "Two")
                throw Abort()
            }
        }
        #expect(try pool.read(articleCount) == 0)
        // The writer is usable again, and not stuck inside the failed transaction.
        try pool.write { try insertArticle($0, "Three") }
        #expect(try pool.read(articleCount) == 1)
    }
}

@Test func readersCannotWrite() throws {
    try withPool { pool, _ throws in
        let error = expectError(SQLiteError.self) {
            try pool.read { try insertArticle($0, "Sneaky") }
        }
        #expect(error?.resultCode == 8)  // SQLITE_READONLY
        #expect(try pool.read(articleCount) == 0)
    }
}

@Test func longReadDoesNotBlockWrite() throws {
    try withPool { pool, _ throws in
        try pool.write { try insertArticle($0, "Before") }
        let readStarted = Signal()
        let writeDone = Signal()
        let countsSeenByRead = Shared<[Int]>([])
        let writeFinishedDuringRead = Shared(false)
        let reader = try TestThread {
            try? pool.read { db in
                let before = try articleCount(db)
                readStarted.set()
                let finished = writeDone.wait(seconds: 10)
                writeFinishedDuringRead.update { $0 = finished }
                let after = try articleCount(db)
                countsSeenByRead.update { $0 = [before, after] }
            }
        }
        #expect(readStarted.wait(seconds: 10))
        let start = ContinuousClock.now
        try pool.write { try insertArticle($0, "During") }
        let writeTime = ContinuousClock.now - start
        writeDone.set()
        reader.join()

        #expect(writeTime < .seconds(3))
        #expect(writeFinishedDuringRead.value)
        // The read kept its snapshot throughout.
        #expect(countsSeenByRead.value == [1, 1])
        #expect(try pool.read(articleCount) == 2)
    }
}

@Test func longWriteDoesNotBlockRead() throws {
    try withPool { pool, _ throws in
        try pool.write { try insertArticle($0, "Committed") }
        let writeStarted = Signal()
        let readDone = Signal()
        let readFinishedDuringWrite = Shared(false)
        let writer = try TestThread {
            try? pool.write { db in
                try insertArticle(db, "Uncommitted")
                writeStarted.set()
                let finished = readDone.wait(seconds: 10)
                readFinishedDuringWrite.update { $0 = finished }
            }
        }
        #expect(writeStarted.wait(seconds: 10))
        let start = ContinuousClock.now
        let countDuringWrite = try pool.read(articleCount)
        let readTime = ContinuousClock.now - start
        readDone.set()
        writer.join()

        #expect(readTime < .seconds(3))
        #expect(readFinishedDuringWrite.value)
        #expect(countDuringWrite == 1)
        #expect(try pool.read(articleCount) == 2)
    }
}

@Test func concurrentWritesAreSerialized() throws {
    try withPool { pool, _ throws in
        try pool.write { try $0.execute(sql: "CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0);") }
        let failures = Shared(0)
        let threads = try (0..<4).map { _ in
            try TestThread {
                for _ in 0..<50 {
                    do {
                        // Read-modify-write: only correct if no other write interleaves.
                        try pool.write { db in
                            let current = try scalarInt(db, "SELECT n FROM counter")
                            try db.withStatement("UPDATE counter SET n = ?") { statement in
                                try statement.bind(current + 1, at: 1)
                                try statement.executeUpdate()
                            }
                        }
                    } catch {
                        failures.update { $0 += 1 }
                    }
                }
            }
        }
        for thread in threads { thread.join() }
        #expect(failures.value == 0)
        #expect(try pool.read { try scalarInt($0, "SELECT n FROM counter") } == 200)
    }
}

@Test func readWaitingForABusyReaderIsCounted() throws {
    try withPool(readerCount: 1) { pool, _ throws in
        #expect(pool.readerWaits.waitCount == 0)
        #expect(pool.readerWaits.totalWaitTime == .zero)
        let readStarted = Signal()
        let holder = try TestThread {
            try? pool.read { _ in
                readStarted.set()
                usleep(200_000)
            }
        }
        #expect(readStarted.wait(seconds: 10))
        try pool.read { _ in }
        holder.join()

        let waits = pool.readerWaits
        #expect(waits.waitCount == 1)
        #expect(waits.totalWaitTime > .milliseconds(50))
        #expect(pool.writerWaits.waitCount == 0)
    }
}

@Test func writeWithoutTransactionRollsBackALeftoverTransaction() throws {
    try withPool { pool, _ throws in
        expectError(SQLiteError.self) {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN")
                try insertArticle(db, "Forgotten")
            }
        }
        #expect(try pool.read(articleCount) == 0)
        try pool.writeWithoutTransaction { db in
            #expect(!db.isInTransaction)
            try insertArticle(db, "Autocommitted")
        }
        #expect(try pool.read(articleCount) == 1)
    }
}

@Test func closeCheckpointsAndRefusesFurtherUse() throws {
    try withTemporaryDatabasePath { path in
        let pool = try ConnectionPool(path: path, readerCount: 2)
        try pool.write { try $0.execute(sql: "CREATE TABLE t (v); INSERT INTO t VALUES (1);") }
        #expect(try pool.read { try scalarInt($0, "SELECT count(*) FROM t") } == 1)
        #expect(fileExists(path + "-wal"))
        pool.close()
        // The writer closed last, so its close folded the log back into the database file.
        #expect(!fileExists(path + "-wal"))
        expectError(SQLiteError.self) { try pool.read { _ in } }
        expectError(SQLiteError.self) { try pool.write { _ in } }

        let reopened = try Connection(path: path, access: .readOnly)
        #expect(try scalarInt(reopened, "SELECT count(*) FROM t") == 1)
    }
}

/// Frames in the write-ahead log after 60 commits of 100 KB each (some 1,500 pages), read as
/// the `log` column of a passive checkpoint, which itself copies nothing back before counting.
private func logFramesAfterWrites(automaticCheckpointPages: Int?) throws -> Int {
    try withTemporaryDatabasePath { path in
        let pool = try ConnectionPool(path: path, readerCount: 1, automaticCheckpointPages: automaticCheckpointPages)
        defer { pool.close() }
        try pool.write { try $0.execute(sql: "CREATE TABLE payload (data BLOB NOT NULL)") }
        for _ in 0..<60 {
            try pool.write { db in
                try db.execute(
                    sql: """
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
                        INSERT INTO payload SELECT randomblob(1000) FROM n
                        """)
            }
        }
        return try pool.writeWithoutTransaction { db in
            try db.withStatement("PRAGMA wal_checkpoint(PASSIVE)") { statement in
                guard try statement.step() else { throw TestSetupError(description: "wal_checkpoint gave no row") }
                return statement.int(at: 1)
            }
        }
    }
}

/// With Litestream beside the server, the server's own commits must not checkpoint (setting
/// `wal_autocheckpoint` 0): every frame stays in the log until Litestream has read it. With a
/// threshold, SQLite checkpoints and starts the log over, so it stays near that size.
@Test func automaticCheckpointIsTheWritersAndZeroTurnsItOff() throws {
    let off = try logFramesAfterWrites(automaticCheckpointPages: 0)
    let small = try logFramesAfterWrites(automaticCheckpointPages: 50)
    let sqliteDefault = try logFramesAfterWrites(automaticCheckpointPages: nil)
    #expect(off > 1000, "with automatic checkpoints off the log keeps every frame")
    #expect(small < 200, "a 50-page threshold starts the log over after the commit that reaches it")
    #expect(sqliteDefault < off, "SQLite's default (1000 pages) checkpoints too")
}

/// Whether the write-ahead log is still there, holding frames, once the pool has closed.
private func logRemainsAfterClose(automaticCheckpointPages: Int?) throws -> Bool {
    try withTemporaryDatabasePath { path in
        let pool = try ConnectionPool(path: path, readerCount: 1, automaticCheckpointPages: automaticCheckpointPages)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
            try insertArticle(db, "First")
        }
        pool.close()
        var status = stat()
        return stat(path + "-wal", &status) == 0 && status.st_size > 0
    }
}

/// The last connection's close checkpoints the log into the file and deletes it, unless
/// automatic checkpoints are off: then Litestream, started again later, finds the log where it
/// left it and goes on from its position instead of uploading a new snapshot.
@Test func closingLeavesTheLogOnlyWithAutomaticCheckpointsOff() throws {
    #expect(try logRemainsAfterClose(automaticCheckpointPages: 0))
    #expect(try !logRemainsAfterClose(automaticCheckpointPages: nil))
    #expect(try !logRemainsAfterClose(automaticCheckpointPages: 1000))
}
