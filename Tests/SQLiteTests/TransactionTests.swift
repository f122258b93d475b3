import SQLite
import TestSupport
import Testing

private struct Abort: Error {}

private func values(_ db: Connection) throws -> [Int] {
    try db.withStatement("SELECT v FROM t ORDER BY v") { try $0.mapRows { $0.int(at: 0) } }
}

private func withTable(_ body: (Connection) throws -> Void) throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try db.execute(sql: "CREATE TABLE t (v INTEGER)")
        try body(db)
    }
}

@Test func transactionCommitsWhenBodyReturns() throws {
    try withTable { db throws in
        let result = try db.transaction(.immediate) {
            try db.execute(sql: "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);")
            #expect(db.isInTransaction)
            return "done"
        }
        #expect(result == "done")
        #expect(!db.isInTransaction)
        #expect(try values(db) == [1, 2])
    }
}

@Test func transactionRollsBackWhenBodyThrows() throws {
    try withTable { db throws in
        expectError(Abort.self) {
            try db.transaction(.deferred) {
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                throw Abort()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try values(db) == [])
    }
}

@Test func transactionRollsBackWhenSQLFails() throws {
    try withTable { db throws in
        try db.execute(sql: "CREATE UNIQUE INDEX t_v ON t (v)")
        let error = expectError(SQLiteError.self) {
            try db.transaction(.immediate) {
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                try db.execute(sql: "INSERT INTO t VALUES (1)")
            }
        }
        #expect(error?.isUniqueViolation == true)
        #expect(try values(db) == [])
    }
}

@Test func nestedTransactionRollsBackOnlyItsSavepoint() throws {
    try withTable { db throws in
        try db.transaction(.immediate) {
            try db.execute(sql: "INSERT INTO t VALUES (1)")
            expectError(Abort.self) {
                try db.transaction {
                    try db.execute(sql: "INSERT INTO t VALUES (2)")
                    throw Abort()
                }
            }
            #expect(db.isInTransaction)
            try db.execute(sql: "INSERT INTO t VALUES (3)")
        }
        #expect(try values(db) == [1, 3])
    }
}

@Test func nestedTransactionsCommitWithTheOuterOne() throws {
    try withTable { db throws in
        expectError(Abort.self) {
            try db.transaction(.immediate) {
                try db.transaction {
                    try db.transaction {
                        try db.execute(sql: "INSERT INTO t VALUES (1)")
                    }
                    try db.execute(sql: "INSERT INTO t VALUES (2)")
                }
                #expect(try values(db) == [1, 2])
                throw Abort()
            }
        }
        #expect(try values(db) == [])

        try db.transaction(.immediate) {
            try db.transaction { try db.execute(sql: "INSERT INTO t VALUES (4)") }
        }
        #expect(try values(db) == [4])
    }
}
