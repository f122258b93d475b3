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
