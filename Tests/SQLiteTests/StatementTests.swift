import SQLite
import TestSupport
import Testing

private func withScratchConnection(_ body: (Connection) throws -> Void) throws {
    try withTemporaryDatabasePath { path in
        let connection = try Connection(path: path)
        try connection.execute(sql: "CREATE TABLE item (value)")
        try body(connection)
    }
}

/// Stores `bind` through a parameter and returns the statement positioned on the stored row.
private func roundTrip<T>(
    _ connection: Connection,
    bind: (Statement) throws -> Void,
    read: (Statement) throws -> T
) throws -> T {
    try connection.execute(sql: "DELETE FROM item")
    try connection.withStatement("INSERT INTO item (value) VALUES (?)") { statement in
        try bind(statement)
        try statement.executeUpdate()
    }
    return try connection.withStatement("SELECT value, typeof(value) FROM item") { statement in
        #expect(try statement.step())
        return try read(statement)
    }
}

@Test func bindsAndReadsEveryTypeByIndex() throws {
    try withScratchConnection { db throws in
        #expect(try roundTrip(db, bind: { try $0.bind(42, at: 1) }, read: { $0.int(at: 0) }) == 42)
        #expect(try roundTrip(db, bind: { try $0.bind(Int64.max, at: 1) }, read: { $0.int64(at: 0) }) == Int64.max)
        #expect(try roundTrip(db, bind: { try $0.bind(Int64.min, at: 1) }, read: { $0.int64(at: 0) }) == Int64.min)
        #expect(try roundTrip(db, bind: { try $0.bind(-2.5, at: 1) }, read: { $0.double(at: 0) }) == -2.5)
        #expect(try roundTrip(db, bind: { try $0.bind("news", at: 1) }, read: { $0.string(at: 0) }) == "news")
        #expect(try roundTrip(db, bind: { try $0.bind([1, 2, 3] as [UInt8], at: 1) }, read: { $0.blob(at: 0) }) == [1, 2, 3])
        #expect(try roundTrip(db, bind: { try $0.bind(true, at: 1) }, read: { ($0.bool(at: 0), $0.int(at: 0)) }) == (true, 1))
        #expect(try roundTrip(db, bind: { try $0.bind(false, at: 1) }, read: { $0.bool(at: 0) }) == false)
        #expect(try roundTrip(db, bind: { try $0.bindNull(at: 1) }, read: { $0.isNull(at: 0) }) == true)
    }
}

@Test func storesEachTypeInItsNativeStorageClass() throws {
    try withScratchConnection { db throws in
        let typeName: (Statement) -> String? = { $0.string(at: 1) }
        #expect(try roundTrip(db, bind: { try $0.bind(7, at: 1) }, read: typeName) == "integer")
        #expect(try roundTrip(db, bind: { try $0.bind(7.5, at: 1) }, read: typeName) == "real")
        #expect(try roundTrip(db, bind: { try $0.bind("7", at: 1) }, read: typeName) == "text")
        #expect(try roundTrip(db, bind: { try $0.bind([7] as [UInt8], at: 1) }, read: typeName) == "blob")
        #expect(try roundTrip(db, bind: { try $0.bind(true, at: 1) }, read: typeName) == "integer")
    }
}

@Test func bindsByName() throws {
    try withScratchConnection { db throws in
        try db.execute(sql: "CREATE TABLE article (id INTEGER, title TEXT, score REAL, body BLOB, draft INTEGER, note TEXT)")
        try db.withStatement(
            "INSERT INTO article VALUES (:id, :title, :score, :body, :draft, :note)"
        ) { statement in
            try statement.bind(Int64(9), named: ":id")
            try statement.bind("Headline", named: ":title")
            try statement.bind(0.75, named: ":score")
            try statement.bind([0xDE, 0xAD] as [UInt8], named: ":body")
            try statement.bind(true, named: ":draft")
            try statement.bindNull(named: ":note")
            try statement.executeUpdate()
        }
        try db.withStatement("SELECT id, title, score, body, draft, note FROM article") { row throws in
            #expect(try row.step())
            #expect(row.int64(at: 0) == 9)
            #expect(row.string(at: 1) == "Headline")
            #expect(row.double(at: 2) == 0.75)
            #expect(row.blob(at: 3) == [0xDE, 0xAD])
            #expect(row.bool(at: 4))
            #expect(row.isNull(at: 5))
        }
        let error = expectError(SQLiteError.self) {
            try db.withStatement("SELECT :known") { try $0.bind(1, named: ":unknown") }
        }
        #expect(error?.message.contains(":unknown") == true)
    }
}

@Test func bindsDynamicValuesAndReadsThemBack() throws {
    try withScratchConnection { db throws in
        let values: [SQLiteValue] = [.integer(-3), .real(1.5), .text("نص"), .blob([0, 0]), .null, true, 12, "lit", nil]
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let readBack = try db.withStatement("SELECT \(placeholders)") { statement in
            try statement.bind(values)
            #expect(try statement.step())
            return (0..<statement.columnCount).map(statement.value(at:))
        }
        #expect(readBack == [.integer(-3), .real(1.5), .text("نص"), .blob([0, 0]), .null, .integer(1), .integer(12), .text("lit"), .null])

        let error = expectError(SQLiteError.self) {
            try db.withStatement("SELECT ?, ?") { try $0.bind([1]) }
        }
        #expect(error?.message.contains("2 parameters") == true)
    }
}

@Test func arabicTextRoundTripsByteForByte() throws {
    try withScratchConnection { db throws in
        // Letters, diacritics (tashkeel), Arabic-Indic digits, a right-to-left mark, an emoji.
        let text = "عاجل: وزارةُ الصحةِ تُعلن ٣٤ إصابة جديدة \u{200F}— 📰"
        let stored = try roundTrip(db, bind: { try $0.bind(text, at: 1) }, read: { $0.string(at: 0) })
        #expect(stored.map { Array($0.utf8) } == Array(text.utf8))
        #expect(try scalarInt(db, "SELECT length(CAST(value AS BLOB)) FROM item") == text.utf8.count)
    }
}

@Test func embeddedNULsSurviveInBlobsAndText() throws {
    try withScratchConnection { db throws in
        let bytes: [UInt8] = [0, 1, 0, 0, 255, 0]
        #expect(try roundTrip(db, bind: { try $0.bind(bytes, at: 1) }, read: { $0.blob(at: 0) }) == bytes)
        let text = "before\u{0}after"
        #expect(try roundTrip(db, bind: { try $0.bind(text, at: 1) }, read: { $0.string(at: 0) }) == text)
    }
}

@Test func emptyTextAndBlobAreNotNull() throws {
    try withScratchConnection { db throws in
        #expect(try roundTrip(db, bind: { try $0.bind("", at: 1) }, read: { $0.string(at: 0) }) == "")
        #expect(try roundTrip(db, bind: { try $0.bind([] as [UInt8], at: 1) }, read: { $0.blob(at: 0) }) == [])
        #expect(try roundTrip(db, bind: { try $0.bind([] as [UInt8], at: 1) }, read: { $0.isNull(at: 0) }) == false)
    }
}

@Test func nullReadsAsNilOrZero() throws {
    try withScratchConnection { db throws in
        let optionalText: String? = nil
        let optionalNumber: Int? = nil
        let readNull: (Statement) -> [String] = { row in
            [
                "\(row.isNull(at: 0))", "\(row.string(at: 0) as Any)", "\(row.blob(at: 0) as Any)",
                "\(row.int64(at: 0))", "\(row.double(at: 0))", "\(row.value(at: 0))",
            ]
        }
        let expected = ["true", "nil", "nil", "0", "0.0", "null"]
        #expect(try roundTrip(db, bind: { try $0.bind(optionalText, at: 1) }, read: readNull) == expected)
        #expect(try roundTrip(db, bind: { try $0.bind(optionalNumber, at: 1) }, read: readNull) == expected)
        #expect(try roundTrip(db, bind: { try $0.bind(SQLiteValue.null, at: 1) }, read: readNull) == expected)
    }
}

@Test func exposesColumnNamesAndIteratesRows() throws {
    try withScratchConnection { db throws in
        try db.execute(sql: "INSERT INTO item VALUES (1); INSERT INTO item VALUES (2); INSERT INTO item VALUES (3);")
        try db.withStatement("SELECT value AS number, value * 10 AS tenfold FROM item ORDER BY value") { statement in
            #expect(statement.columnCount == 2)
            #expect(statement.columnNames == ["number", "tenfold"])
            var seen: [Int] = []
            try statement.forEachRow { row in seen.append(row.int(at: 1)) }
            #expect(seen == [10, 20, 30])
        }
        let mapped = try db.withStatement("SELECT value FROM item WHERE value > ? ORDER BY value") { statement in
            try statement.bind(1, at: 1)
            return try statement.mapRows { $0.int(at: 0) }
        }
        #expect(mapped == [2, 3])
    }
}

@Test func executeUpdateReportsChangedRows() throws {
    try withScratchConnection { db throws in
        try db.execute(sql: "INSERT INTO item VALUES (1); INSERT INTO item VALUES (2); INSERT INTO item VALUES (3);")
        let changed = try db.withStatement("UPDATE item SET value = value + 1 WHERE value >= ?") { statement in
            try statement.bind(2, at: 1)
            return try statement.executeUpdate()
        }
        #expect(changed == 2)
        #expect(db.changes == 2)
    }
}
