import Glibc
import SQLite
import TestSupport
import Testing

@Test func cachedStatementIsReusedAndResetClearsBindings() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let first = try db.statement("SELECT ?")
        let second = try db.statement("SELECT ?")
        #expect(first === second)
        #expect(try db.prepare("SELECT ?") !== first)

        try first.bind(42, at: 1)
        #expect(try first.step())
        #expect(first.int(at: 0) == 42)
        first.reset()
        #expect(try first.step())
        #expect(first.isNull(at: 0))
        first.reset()
    }
}

@Test func withStatementResetsEvenWhenBodyThrows() throws {
    struct Abandon: Error {}
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try db.execute(sql: "CREATE TABLE n (v); INSERT INTO n VALUES (1); INSERT INTO n VALUES (2);")
        let sql = "SELECT v, ? FROM n ORDER BY v"
        expectError(Abandon.self) {
            try db.withStatement(sql) { statement in
                try statement.bind("stale", at: 1)
                _ = try statement.step()
                throw Abandon()
            }
        }
        // Restarted from the first row, with the binding gone.
        try db.withStatement(sql) { statement throws in
            #expect(try statement.step())
            #expect(statement.int(at: 0) == 1)
            #expect(statement.isNull(at: 1))
        }
        // A cursor left open would hold a read transaction; a reset one does not.
        #expect(!db.isInTransaction)
        try db.execute(sql: "DROP TABLE n")
    }
}

@Test func nestedUseOfTheSameSQLGetsItsOwnStatement() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try db.execute(sql: "CREATE TABLE n (v); INSERT INTO n VALUES (1); INSERT INTO n VALUES (2);")
        let pairs = try db.withStatement("SELECT v FROM n ORDER BY v") { outer in
            try outer.mapRows { outerRow in
                let outerValue = outerRow.int(at: 0)
                let innerCount = try db.withStatement("SELECT v FROM n ORDER BY v") { inner in
                    #expect(inner !== outerRow)
                    return try inner.mapRows { $0.int(at: 0) }.count
                }
                return [outerValue, innerCount]
            }
        }
        #expect(pairs == [[1, 2], [2, 2]])
    }
}

@Test func syntaxErrorCarriesSQLiteMessageAndSQL() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let prepareError = expectError(SQLiteError.self) { try db.prepare("SELEC 1") }
        #expect(prepareError?.resultCode == 1)
        #expect(prepareError?.message.contains("syntax error") == true)
        #expect(prepareError?.sql == "SELEC 1")
        #expect(prepareError?.description.contains("SELEC 1") == true)

        let scriptError = expectError(SQLiteError.self) {
            try db.execute(sql: "CREATE TABLE ok (x); SELECT * FROM missing_table;")
        }
        #expect(scriptError?.message.contains("no such table: missing_table") == true)
        #expect(scriptError?.sql?.contains("missing_table") == true)
    }
}

@Test func constraintErrorsAreClassified() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try db.execute(
            sql: """
                CREATE TABLE author (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
                CREATE TABLE article (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author(id));
                INSERT INTO author VALUES (1, 'a@example.com');
                """)
        let unique = expectError(SQLiteError.self) {
            try db.execute(sql: "INSERT INTO author VALUES (2, 'a@example.com')")
        }
        #expect(unique?.isConstraintViolation == true)
        #expect(unique?.isUniqueViolation == true)
        #expect(unique?.isForeignKeyViolation == false)
        #expect(unique?.message.contains("UNIQUE constraint failed: author.email") == true)

        let primaryKey = expectError(SQLiteError.self) {
            try db.withStatement("INSERT INTO author VALUES (?, ?)") { statement in
                try statement.bind([1, "b@example.com"])
                try statement.executeUpdate()
            }
        }
        #expect(primaryKey?.isUniqueViolation == true)
        #expect(primaryKey?.sql == "INSERT INTO author VALUES (?, ?)")

        let foreignKey = expectError(SQLiteError.self) {
            try db.execute(sql: "INSERT INTO article VALUES (1, 99)")
        }
        #expect(foreignKey?.isForeignKeyViolation == true)
        #expect(foreignKey?.isUniqueViolation == false)

        let notNull = expectError(SQLiteError.self) {
            try db.execute(sql: "INSERT INTO author VALUES (3, NULL)")
        }
        #expect(notNull?.isConstraintViolation == true)
        #expect(notNull?.isUniqueViolation == false)
        #expect(notNull?.isBusy == false)
    }
}

@Test func lockedDatabaseIsReportedAsBusy() throws {
    try withTemporaryDatabasePath { path in
        let holder = try Connection(path: path)
        let contender = try Connection(path: path, busyTimeoutMilliseconds: 0)
        try holder.execute(sql: "BEGIN IMMEDIATE")
        let error = expectError(SQLiteError.self) { try contender.execute(sql: "BEGIN IMMEDIATE") }
        #expect(error?.isBusy == true)
        #expect(error?.isConstraintViolation == false)
        try holder.execute(sql: "ROLLBACK")
    }
}

@Test func prepareRejectsMultipleStatementsButAcceptsTrailingComments() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        expectError(SQLiteError.self) { try db.prepare("SELECT 1; SELECT 2") }
        expectError(SQLiteError.self) { try db.prepare("   -- only a comment") }
        let statement = try db.prepare("SELECT 1; -- trailing comment\n")
        #expect(try statement.step())
    }
}

@Test func reportsLastInsertRowIDAndChanges() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v)")
        try db.withStatement("INSERT INTO t (id, v) VALUES (?, ?)") { statement in
            try statement.bind([.integer(41), "x"])
            try statement.executeUpdate()
        }
        #expect(db.lastInsertRowID == 41)
        try db.execute(sql: "INSERT INTO t (v) VALUES ('y'); INSERT INTO t (v) VALUES ('z');")
        #expect(db.lastInsertRowID == 43)
        try db.execute(sql: "UPDATE t SET v = 'w'")
        #expect(db.changes == 3)
    }
}

@Test func appliesConfigurationOnOpen() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        #expect(try scalarString(db, "PRAGMA journal_mode") == "wal")
        #expect(try scalarInt(db, "PRAGMA foreign_keys") == 1)
        #expect(try scalarInt(db, "PRAGMA synchronous") == 2)
        #expect(try scalarInt(db, "PRAGMA busy_timeout") == 5000)
        let custom = try Connection(path: path, access: .readOnly, busyTimeoutMilliseconds: 250)
        #expect(try scalarInt(custom, "PRAGMA busy_timeout") == 250)
        #expect(try scalarInt(custom, "PRAGMA foreign_keys") == 1)
        #expect(fileExists(path))
    }
}

@Test func readOnlyConnectionCannotCreateOrWrite() throws {
    try withTemporaryDatabasePath { path in
        let missing = expectError(SQLiteError.self) { try Connection(path: path, access: .readOnly) }
        #expect(missing?.message.contains(path) == true)
        #expect(!fileExists(path))

        let writer = try Connection(path: path)
        try writer.execute(sql: "CREATE TABLE t (v)")
        let reader = try Connection(path: path, access: .readOnly)
        let error = expectError(SQLiteError.self) { try reader.execute(sql: "INSERT INTO t VALUES (1)") }
        #expect(error?.resultCode == 8)  // SQLITE_READONLY
    }
}

@Test func interruptStopsARunningQueryFromAnotherThread() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let finished = Signal()
        // Interrupt repeatedly: an interrupt issued before the query starts would be a no-op.
        // Uninterrupted, the query below would finish (and the test fail) after some seconds.
        let interrupter = try TestThread {
            while !finished.wait(seconds: 0) {
                db.interrupt()
                usleep(5_000)
            }
        }
        defer { interrupter.join() }
        defer { finished.set() }
        let error = expectError(SQLiteError.self) {
            _ = try scalarInt(
                db,
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)
                SELECT count(*) FROM n
                """)
        }
        #expect(error?.resultCode == 9)  // SQLITE_INTERRUPT
    }
}
