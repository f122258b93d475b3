import SQLite

/// The store's SQLite database: a connection pool on one file, migrated to the current schema
/// when opened.
public final class NewsDatabase: Sendable {
    let pool: ConnectionPool
    /// The migrations this opening applied (empty when the schema was current).
    public let appliedMigrations: [Migration]

    /// Opens (creating if needed) the database at `path` and applies pending migrations from
    /// `migrationsDirectory`. A failed migration leaves the file as it was and throws.
    public init(path: String, migrationsDirectory: String, readers: Int = 4) throws {
        let migrator = try Migrator(directory: migrationsDirectory)
        let pool = try ConnectionPool(path: path, readerCount: readers)
        do {
            appliedMigrations = try pool.writeWithoutTransaction { try migrator.migrate($0) }
        } catch {
            pool.close()
            throw error
        }
        self.pool = pool
    }

    /// The latest schema version applied to the file.
    public func schemaVersion() throws -> Int {
        try pool.read { db in
            try db.withStatement("SELECT coalesce(max(version), 0) FROM schema_migrations") { statement in
                _ = try statement.step()
                return statement.int(at: 0)
            }
        }
    }

    public func close() {
        pool.close()
    }
}
