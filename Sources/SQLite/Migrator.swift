/// Brings a database's schema up to date by applying versioned migrations in order, each in its
/// own transaction together with its row in `schema_migrations`. A failing migration therefore
/// leaves the database exactly as the previous one left it, and a rerun resumes where it stopped.
public struct Migrator: Sendable {
    /// Sorted by version.
    public let migrations: [Migration]

    /// Validates that versions start at 1 and have neither duplicates nor gaps.
    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for migration in sorted where migration.version < 1 {
            throw MigrationError.invalidVersion(migration.version, name: migration.name)
        }
        var expected = 1
        for (index, migration) in sorted.enumerated() {
            if index > 0, sorted[index - 1].version == migration.version {
                throw MigrationError.duplicateVersion(
                    migration.version,
                    names: sorted.filter { $0.version == migration.version }.map(\.name)
                )
            }
            guard migration.version == expected else {
                throw MigrationError.missingVersion(expected)
            }
            expected += 1
        }
        self.migrations = sorted
    }

    /// Loads every `NNNN_description.sql` file in `path`; see `Migration.load(fromDirectory:)`.
    public init(directory path: String) throws {
        try self.init(migrations: Migration.load(fromDirectory: path))
    }

    private static let createRecordTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            checksum TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// Versions recorded as applied, ascending. Writes nothing, so it works on a read-only
    /// connection and on a database that was never migrated.
    public func appliedVersions(in connection: Connection) throws -> [Int] {
        try appliedRecords(in: connection).map(\.version)
    }

    /// Migrations not yet applied, in the order `migrate` would apply them. Throws if an applied
    /// migration was edited since, or is unknown to this migrator.
    public func pendingMigrations(in connection: Connection) throws -> [Migration] {
        let applied = try appliedRecords(in: connection)
        var appliedVersions = Set<Int>()
        for record in applied {
            guard let migration = migrations.first(where: { $0.version == record.version }) else {
                throw MigrationError.unknownAppliedVersion(record.version, name: record.name)
            }
            let current = migration.checksum
            guard current == record.checksum else {
                throw MigrationError.checksumMismatch(
                    version: record.version, name: record.name, applied: record.checksum, current: current)
            }
            appliedVersions.insert(record.version)
        }
        return migrations.filter { !appliedVersions.contains($0.version) }
    }

    /// Applies the pending migrations in order and returns those it applied (empty when the
    /// schema is already current). Stops at the first failure, which is thrown as
    /// `MigrationError.failed` after that migration has been rolled back.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Migration] {
        guard !connection.isInTransaction else {
            throw MigrationError.insideTransaction
        }
        try connection.execute(sql: Self.createRecordTable)
        var applied: [Migration] = []
        for migration in try pendingMigrations(in: connection) {
            do {
                let didApply = try connection.transaction(.immediate) {
                    try apply(migration, on: connection)
                }
                if didApply {
                    applied.append(migration)
                }
            } catch let error as SQLiteError {
                throw MigrationError.failed(version: migration.version, name: migration.name, error: error)
            }
        }
        return applied
    }

    /// Returns `false` when another process applied the migration since it was found pending:
    /// the check happens again here, under the write lock, so two servers starting together
    /// cannot both apply it.
    private func apply(_ migration: Migration, on connection: Connection) throws -> Bool {
        let alreadyApplied = try connection.withStatement(
            "SELECT 1 FROM schema_migrations WHERE version = ?"
        ) { statement in
            try statement.bind(migration.version, at: 1)
            return try statement.step()
        }
        guard !alreadyApplied else { return false }
        try connection.execute(sql: migration.sql)
        try connection.withStatement(
            """
            INSERT INTO schema_migrations (version, name, checksum, applied_at)
            VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            """
        ) { statement in
            try statement.bind(migration.version, at: 1)
            try statement.bind(migration.name, at: 2)
            try statement.bind(migration.checksum, at: 3)
            try statement.executeUpdate()
        }
        return true
    }

    private struct AppliedRecord {
        let version: Int
        let name: String
        let checksum: String
    }

    private func appliedRecords(in connection: Connection) throws -> [AppliedRecord] {
        let hasRecordTable = try connection.withStatement(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ) { try $0.step() }
        guard hasRecordTable else { return [] }
        return try connection.withStatement(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version"
        ) { statement in
            try statement.mapRows { row in
                AppliedRecord(
                    version: row.int(at: 0),
                    name: row.string(at: 1) ?? "",
                    checksum: row.string(at: 2) ?? ""
                )
            }
        }
    }
}
