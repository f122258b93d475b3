import SQLite
import TestSupport
import Testing

private let createArticles = """
    CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
    INSERT INTO article (title) VALUES ('Welcome');
    """
// Depends on 0001: only works if applied after it.
private let addAuthors = """
    CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    ALTER TABLE article ADD COLUMN author_id INTEGER REFERENCES author(id);
    """
private let addTags = "CREATE TABLE tag (article_id INTEGER NOT NULL REFERENCES article(id), name TEXT NOT NULL);"

private func withMigrationDirectory(
    _ files: [String: String],
    _ body: (_ directory: String, _ databasePath: String) throws -> Void
) throws {
    try withTemporaryDirectory { root in
        let directory = root + "/migrations"
        try #require(mkdirSucceeded(directory))
        for (name, contents) in files {
            try writeFile(directory + "/" + name, contents)
        }
        try body(directory, root + "/news.sqlite")
    }
}

/// Names and SQL of every schema object, to compare databases exactly.
private func schema(_ db: Connection) throws -> [String] {
    try db.withStatement("SELECT type, name, sql FROM sqlite_master ORDER BY type, name") { statement in
        try statement.mapRows { row in
            "\(row.string(at: 0) ?? "") \(row.string(at: 1) ?? ""): \(row.string(at: 2) ?? "")"
        }
    }
}

@Test func appliesDirectoryMigrationsInNumericOrderAndRecordsThem() throws {
    try withMigrationDirectory(
        [
            "0010_add_tags.sql": addTags,
            "0002_add_authors.sql": addAuthors,
            "0001_create_articles.sql": createArticles,
            "README.md": "Not a migration.",
        ].merging(gapFillers(3...9)) { first, _ in first }
    ) { directory, databasePath in
        let db = try Connection(path: databasePath)
        let migrator = try Migrator(directory: directory)
        #expect(migrator.migrations.map(\.version) == Array(1...10))
        #expect(try migrator.appliedVersions(in: db) == [])
        #expect(try migrator.pendingMigrations(in: db).map(\.version) == Array(1...10))

        let applied = try migrator.migrate(db)
        #expect(applied.map(\.name).first == "0001_create_articles.sql")
        #expect(applied.map(\.version) == Array(1...10))
        #expect(try migrator.appliedVersions(in: db) == Array(1...10))
        #expect(try migrator.pendingMigrations(in: db).isEmpty)

        let records = try db.withStatement(
            "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version LIMIT 2"
        ) { statement in
            try statement.mapRows { row in
                [row.string(at: 0), row.string(at: 1), row.string(at: 2), row.string(at: 3)]
            }
        }
        #expect(records.map { $0[1] } == ["0001_create_articles.sql", "0002_add_authors.sql"])
        #expect(records.map { $0[2] } == [migrator.migrations[0].checksum, migrator.migrations[1].checksum])
        #expect(records.allSatisfy { ($0[3] ?? "").hasPrefix("20") })
        #expect(try scalarInt(db, "SELECT count(*) FROM pragma_table_info('article') WHERE name = 'author_id'") == 1)
    }
}

/// Trivial migrations to fill versions between the interesting ones.
private func gapFillers(_ versions: ClosedRange<Int>) -> [String: String] {
    Dictionary(
        uniqueKeysWithValues: versions.map { version in
            (
                String(repeating: "0", count: 4 - String(version).count) + "\(version)_filler.sql",
                "CREATE TABLE filler_\(version) (x);"
            )
        })
}

@Test func secondRunAppliesNothing() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let migrator = try Migrator(migrations: [
            Migration(version: 1, name: "create_articles", sql: createArticles),
            Migration(version: 2, name: "add_authors", sql: addAuthors),
        ])
        #expect(try migrator.migrate(db).count == 2)
        let schemaAfterFirstRun = try schema(db)
        #expect(try migrator.migrate(db).isEmpty)
        #expect(try schema(db) == schemaAfterFirstRun)
        #expect(try scalarInt(db, "SELECT count(*) FROM article") == 1)
        #expect(try scalarInt(db, "SELECT count(*) FROM schema_migrations") == 2)
    }
}

@Test func failingMigrationLeavesOnlyEarlierOnesApplied() throws {
    let brokenSecond = """
        CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        INSERT INTO author (name) VALUES ('Half-written');
        CREATE TABLEX broken (x);
        """
    try withMigrationDirectory([
        "0001_create_articles.sql": createArticles,
        "0002_add_authors.sql": brokenSecond,
        "0003_add_tags.sql": addTags,
    ]) { directory, databasePath in
        let db = try Connection(path: databasePath)
        let error = expectError(MigrationError.self) { try Migrator(directory: directory).migrate(db) }
        guard case .failed(let version, let name, let sqliteError) = error else {
            Issue.record("expected a failed migration, got \(String(describing: error))")
            return
        }
        #expect(version == 2)
        #expect(name == "0002_add_authors.sql")
        #expect(sqliteError.message.contains("syntax error"))
        #expect(error?.description.contains("0002_add_authors.sql") == true)
        #expect(error?.description.contains("syntax error") == true)

        // Exactly the schema that 0001 alone produces: no table from 0002 survived.
        let reference = try Connection(path: databasePath + ".reference")
        try Migrator(migrations: [Migration(version: 1, name: "0001_create_articles.sql", sql: createArticles)])
            .migrate(reference)
        #expect(try schema(db) == schema(reference))
        #expect(try Migrator(directory: directory).appliedVersions(in: db) == [1])
        #expect(try scalarInt(db, "SELECT count(*) FROM sqlite_master WHERE name = 'author'") == 0)

        // Fixed, the run resumes at 0002.
        try writeFile(directory + "/0002_add_authors.sql", addAuthors)
        #expect(try Migrator(directory: directory).migrate(db).map(\.version) == [2, 3])
    }
}

@Test func editedAppliedMigrationIsDetected() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try Migrator(migrations: [Migration(version: 1, name: "create_articles", sql: createArticles)]).migrate(db)
        let edited = try Migrator(migrations: [
            Migration(version: 1, name: "create_articles", sql: createArticles + "\n-- tweak"),
            Migration(version: 2, name: "add_authors", sql: addAuthors),
        ])
        let error = expectError(MigrationError.self) { try edited.migrate(db) }
        guard case .checksumMismatch(let version, _, let applied, let current) = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))")
            return
        }
        #expect(version == 1)
        #expect(applied != current)
        expectError(MigrationError.self) { try edited.pendingMigrations(in: db) }
        // Nothing was applied past the edited migration.
        #expect(try edited.appliedVersions(in: db) == [1])
    }
}

@Test func checksumIsStableFNV1a() {
    #expect(Migration(version: 1, name: "empty", sql: "").checksum == "cbf29ce484222325")
    #expect(Migration(version: 1, name: "a", sql: "a").checksum == "af63dc4c8601ec8c")
}

@Test func unknownAppliedVersionIsAnError() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        try Migrator(migrations: [
            Migration(version: 1, name: "create_articles", sql: createArticles),
            Migration(version: 2, name: "add_authors", sql: addAuthors),
        ]).migrate(db)
        let older = try Migrator(migrations: [Migration(version: 1, name: "create_articles", sql: createArticles)])
        let error = expectError(MigrationError.self) { try older.migrate(db) }
        guard case .unknownAppliedVersion(2, "add_authors") = error else {
            Issue.record("expected an unknown applied version, got \(String(describing: error))")
            return
        }
    }
}

@Test(arguments: ["init.sql", "0002.sql", "0002_.sql", "_init.sql", "0002_has space.sql", "0002_init.SQL", "x0002_init.sql"])
func badlyNamedSQLFileIsRejected(fileName: String) throws {
    try withMigrationDirectory(["0001_create_articles.sql": createArticles, fileName: "SELECT 1;"]) { directory, _ in
        let error = expectError(MigrationError.self) { try Migrator(directory: directory) }
        guard case .invalidFileName(let rejected) = error else {
            Issue.record("expected an invalid file name, got \(String(describing: error))")
            return
        }
        #expect(rejected == fileName)
    }
}

@Test func gapsAndDuplicateVersionsAreRejected() throws {
    let missing = expectError(MigrationError.self) {
        try Migrator(migrations: [
            Migration(version: 1, name: "a", sql: ""),
            Migration(version: 3, name: "c", sql: ""),
        ])
    }
    guard case .missingVersion(2) = missing else {
        Issue.record("expected missing version 2, got \(String(describing: missing))")
        return
    }
    let notFromOne = expectError(MigrationError.self) {
        try Migrator(migrations: [Migration(version: 2, name: "b", sql: "")])
    }
    guard case .missingVersion(1) = notFromOne else {
        Issue.record("expected missing version 1, got \(String(describing: notFromOne))")
        return
    }
    try withMigrationDirectory([
        "0001_create_articles.sql": createArticles,
        "1_also_one.sql": addAuthors,
    ]) { directory, _ in
        let duplicate = expectError(MigrationError.self) { try Migrator(directory: directory) }
        guard case .duplicateVersion(1, let names) = duplicate else {
            Issue.record("expected duplicate version 1, got \(String(describing: duplicate))")
            return
        }
        #expect(Set(names) == ["0001_create_articles.sql", "1_also_one.sql"])
    }
}

@Test func missingDirectoryIsReported() throws {
    try withTemporaryDirectory { root in
        let error = expectError(MigrationError.self) { try Migrator(directory: root + "/nope") }
        guard case .unreadable(let path, _) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == root + "/nope")
    }
}

@Test func migrateRefusesToRunInsideATransaction() throws {
    try withTemporaryDatabasePath { path in
        let db = try Connection(path: path)
        let migrator = try Migrator(migrations: [Migration(version: 1, name: "create_articles", sql: createArticles)])
        try db.execute(sql: "BEGIN")
        expectError(MigrationError.self) { try migrator.migrate(db) }
        try db.execute(sql: "ROLLBACK")
        #expect(try migrator.migrate(db).count == 1)
    }
}

@Test func migratesThroughThePoolWriter() throws {
    try withTemporaryDatabasePath { path in
        let pool = try ConnectionPool(path: path, readerCount: 1)
        defer { pool.close() }
        let migrator = try Migrator(migrations: [
            Migration(version: 1, name: "create_articles", sql: createArticles),
            Migration(version: 2, name: "add_authors", sql: addAuthors),
        ])
        let applied = try pool.writeWithoutTransaction { try migrator.migrate($0) }
        #expect(applied.count == 2)
        #expect(try pool.read { try migrator.appliedVersions(in: $0) } == [1, 2])
        #expect(try pool.read { try migrator.pendingMigrations(in: $0) }.isEmpty)
    }
}
