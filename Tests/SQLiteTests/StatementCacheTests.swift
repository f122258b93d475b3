import SQLite
import TestSupport
import Testing

/// The SQL of the statements SQLite holds prepared on `db` (the `sqlite_stmt` table), apart
/// from the one asking.
private func preparedSQL(_ db: Connection) throws -> Set<String> {
    let ask = "SELECT sql FROM sqlite_stmt"
    return Set(try db.prepare(ask).mapRows { $0.string(at: 0) ?? "" }.filter { $0 != ask })
}

private func select(_ number: Int) -> String { "SELECT \(number)" }

/// Runs `sql` through the cache, as the repositories do.
private func run(_ sql: String, on db: Connection) throws {
    try db.withStatement(sql) { statement in _ = try statement.step() }
}

@Test func statementCacheKeepsAtMostItsCapacityAndFinalizesTheRest() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let capacity = Connection.statementCacheCapacity
        for number in 0..<(capacity * 3) { try run(select(number), on: db) }
        let held = try preparedSQL(db)
        #expect(held.count == capacity)
        // The newest ones, the oldest finalized.
        #expect(held == Set(((capacity * 2)..<(capacity * 3)).map(select)))
    }
}

@Test func statementCacheDropsTheLeastRecentlyUsed() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let capacity = Connection.statementCacheCapacity
        for number in 0..<capacity { try run(select(number), on: db) }
        let kept = try db.statement(select(0))
        // Using statement 0 again makes statement 1 the least recently used.
        try run(select(0), on: db)
        try run(select(capacity), on: db)
        let held = try preparedSQL(db)
        #expect(held.contains(select(0)))
        #expect(!held.contains(select(1)))
        #expect(held.contains(select(capacity)))
        #expect(try db.statement(select(0)) === kept)
    }
}

@Test func statementEvictedWhileInUseKeepsWorking() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try db.execute(sql: "CREATE TABLE n (v); INSERT INTO n VALUES (1), (2), (3);")
        let values = try db.withStatement("SELECT v FROM n ORDER BY v") { statement in
            var values: [Int] = []
            while try statement.step() {
                values.append(statement.int(at: 0))
                // Enough other statements to push this one out of the cache mid-walk.
                for number in 0..<Connection.statementCacheCapacity { try run(select(values.count * 1000 + number), on: db) }
            }
            return values
        }
        #expect(values == [1, 2, 3])
        #expect(try preparedSQL(db).count == Connection.statementCacheCapacity)
    }
}

/// The cache hashes a text by its length and its end: texts that differ only at the start
/// (same length, same last bytes) are still different statements.
@Test func statementCacheTellsTextsApartThatDifferOnlyAtTheirStart() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let tail = ", 'the same long tail of a query, past the bytes hashed for the cache' AS tail"
        let first = "SELECT 1 AS n" + tail
        let second = "SELECT 2 AS n" + tail
        #expect(first.utf8.count == second.utf8.count)
        for _ in 0..<2 {
            #expect(try db.withStatement(first) { try $0.step() ? $0.int(at: 0) : 0 } == 1)
            #expect(try db.withStatement(second) { try $0.step() ? $0.int(at: 0) : 0 } == 2)
        }
        #expect(try db.statement(first) !== db.statement(second))
    }
}
