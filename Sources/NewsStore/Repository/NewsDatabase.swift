import SQLite
import Synchronization

/// The store's SQLite database: a connection pool on one file, migrated to the current schema
/// when opened.
public final class NewsDatabase: Sendable {
    /// Services use `read` and `write`, never the pool directly, so every write advances
    /// `generation`; tests reach the pool to inspect the file.
    let pool: ConnectionPool
    private let changes = Atomic<UInt64>(0)
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

    /// Runs `body` on a reader, in one snapshot.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Runs `body` in one write transaction; when it commits, `generation` moves on.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        let result = try pool.write(body)
        changes.wrappingAdd(1, ordering: .releasing)
        return result
    }

    /// A number that changes after every committed write, so a cache of anything read from
    /// the database can tell it is stale without asking the database.
    public var generation: UInt64 { changes.load(ordering: .acquiring) }

    /// The latest schema version applied to the file.
    public func schemaVersion() throws -> Int {
        try read { db in
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
