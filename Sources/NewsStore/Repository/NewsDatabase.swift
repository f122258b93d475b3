import Glibc
import SQLite
import Synchronization

/// The store's SQLite database: a connection pool on one file, migrated to the current schema
/// when opened.
public final class NewsDatabase: Sendable {
    /// Services use `read` and `write` (or `writeCounters`), never the pool directly, so every
    /// write but a counter's advances `generation`; tests reach the pool to inspect the file.
    let pool: ConnectionPool
    private let changes = Atomic<UInt64>(0)
    /// The newest migration this build carries.
    public let expectedSchemaVersion: Int
    /// The migrations this opening applied (empty when the schema was current).
    public let appliedMigrations: [Migration]

    /// Opens (creating if needed) the database at `path` and applies pending migrations from
    /// `migrationsDirectory`. A failed migration leaves the file as it was and throws.
    /// `slowStatements` reports each SQL statement that takes longer than its threshold.
    /// `automaticCheckpointPages` is the write-ahead log's size in pages at which a commit
    /// checkpoints it; nil keeps SQLite's 1000, 0 leaves checkpoints to Litestream.
    public init(
        path: String, migrationsDirectory: String, readers: Int = 4, automaticCheckpointPages: Int? = nil,
        slowStatements: (threshold: Duration, report: @Sendable (_ sql: String, _ duration: Duration) -> Void)? = nil
    ) throws {
        let migrator = try Migrator(directory: migrationsDirectory)
        expectedSchemaVersion = migrator.migrations.last?.version ?? 0
        let reporter = slowStatements.map { SlowStatementReporter(threshold: $0.threshold, report: $0.report) }
        let pool = try ConnectionPool(
            path: path, readerCount: readers, automaticCheckpointPages: automaticCheckpointPages, slowStatements: reporter,
            prepare: SearchSchema.install)
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

    /// Runs `body` on a reader, each statement in a snapshot of its own (see
    /// `ConnectionPool.readStatementsAlone`).
    func readStatementsAlone<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.readStatementsAlone(body)
    }

    /// Runs `body` in one write transaction; when it commits, `generation` moves on.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        let result = try pool.write(body)
        changes.wrappingAdd(1, ordering: .releasing)
        return result
    }

    /// Runs `body` in one write transaction that leaves `generation` as it is: only for live
    /// counters (article views) that readers may see up to a cache lifetime late.
    ///
    /// Views are flushed every second; advancing the generation would empty the response cache
    /// (and every other cache keyed on it) each time, so the hot pages would be rendered again
    /// every second for nothing. A cached page shows a view count at most one cache lifetime
    /// old instead. Anything else a reader would notice goes through `write`.
    func writeCounters<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// A number that changes after every committed write, so a cache of anything read from
    /// the database can tell it is stale without asking the database.
    public var generation: UInt64 { changes.load(ordering: .acquiring) }

    /// Writes a consistent copy of the database to the new file `path` while the server keeps
    /// reading and writing, then checks the copy with `PRAGMA integrity_check`. Refuses to
    /// overwrite an existing file. A checked copy is audited as `backup.create` on
    /// `backup:<file name>` (never the folder: the log is read over the API); the row is
    /// written after the copy, so it is in the database, not in the backup.
    public func backup(
        to path: String, by principal: Principal, at now: Timestamp = Timestamp.now(),
        progress: (_ remaining: Int, _ total: Int) -> Void = { _, _ in }
    ) throws {
        guard access(path, F_OK) != 0 else { throw BackupError(description: "'\(path)' already exists; a backup never overwrites a file") }
        let copy = try Connection(path: path)
        try pool.read { source in try source.backup(to: copy, progress: progress) }
        if let problem = try copy.integrityProblem() {
            throw BackupError(description: "the copy at '\(path)' failed its integrity check: \(problem)")
        }
        try write { db in
            try AuditLog().record(
                "backup.create", object: "backup:\(Self.fileName(of: path))", summary: "integrity check ok", by: principal, at: now, in: db)
        }
    }

    /// Records, in a database `restore` has just put in place and opening has migrated, that
    /// it came from `backupPath`: `database.restore` on `backup:<file name>`.
    public func recordRestore(from backupPath: String, by principal: Principal, at now: Timestamp = Timestamp.now()) throws {
        try write { db in
            try AuditLog().record(
                "database.restore", object: "backup:\(Self.fileName(of: backupPath))", summary: "integrity check ok", by: principal, at: now,
                in: db)
        }
    }

    private static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Puts the backup at `backupPath` in place of the database at `path`, after checking the
    /// backup's integrity. An existing database is replaced only with `replace`, and never
    /// while another process (a running server) has it open: the replacement first takes
    /// SQLite's exclusive lock, which any open connection prevents.
    public static func restore(from backupPath: String, to path: String, replace: Bool) throws {
        guard access(backupPath, R_OK) == 0 else { throw BackupError(description: "cannot read the backup '\(backupPath)'") }
        let backup = try Connection(path: backupPath, access: .readOnly)
        if let problem = try backup.integrityProblem() {
            throw BackupError(description: "the backup '\(backupPath)' failed its integrity check: \(problem)")
        }
        let exists = access(path, F_OK) == 0
        if exists && !replace {
            throw BackupError(description: "'\(path)' exists; pass --replace to overwrite it (with its server stopped)")
        }
        let target: Connection
        do {
            target = try Connection(path: path, busyTimeoutMilliseconds: 0)
            // In exclusive locking mode the lock outlives the transaction, so the copy below
            // runs with no other connection able to open the file.
            try target.execute(sql: "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        } catch let error as SQLiteError where error.isBusy {
            throw BackupError(description: "'\(path)' is open in another process (a running server?); stop it first")
        }
        try backup.backup(to: target)
        if let problem = try target.integrityProblem() {
            throw BackupError(description: "the restored database failed its integrity check: \(problem)")
        }
    }

    /// Throws when another process (a running server) has the database at `path` open, by
    /// trying SQLite's exclusive lock as `restore` does; a missing file is no one's.
    public static func refuseIfOpenElsewhere(_ path: String) throws {
        guard access(path, F_OK) == 0 else { return }
        do {
            // The lock goes when the probe connection does, at the end of this scope.
            let probe = try Connection(path: path, busyTimeoutMilliseconds: 0)
            try probe.execute(sql: "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        } catch let error as SQLiteError where error.isBusy {
            throw BackupError(description: "'\(path)' is open in another process (a running server?); stop it first")
        }
    }

    public struct BackupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Figures for `/metrics`: articles by status, and how long callers waited for a reader
    /// or for the writer (growing waits mean too few readers, or writes that take too long).
    public func statistics() throws -> DatabaseStatistics {
        let counts = try read { db in
            var list = SelectList()
            let status = list.column("status")
            let count = list.column("count(*)")
            return try db.withStatement("SELECT \(list.sql) FROM articles GROUP BY status") { statement in
                try statement.mapRows { ($0.string(at: status) ?? "", $0.int(at: count)) }
            }
        }
        return DatabaseStatistics(
            articlesByStatus: Dictionary(
                uniqueKeysWithValues: ArticleStatus.allCases.map { status in
                    (status, counts.first { $0.0 == status.rawValue }?.1 ?? 0)
                }),
            readerWaits: pool.readerWaits.waitCount, readerWaitSeconds: Self.seconds(pool.readerWaits.totalWaitTime),
            writerWaits: pool.writerWaits.waitCount, writerWaitSeconds: Self.seconds(pool.writerWaits.totalWaitTime))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Whether the database answers and carries every migration this build knows: what
    /// `/readyz` reports to a load balancer.
    public func isReady() -> Bool {
        (try? schemaVersion()) == expectedSchemaVersion
    }

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
