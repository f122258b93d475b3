import CSQLite

/// One open SQLite database connection, with a cache of prepared statements.
///
/// Opened with `SQLITE_OPEN_NOMUTEX`: SQLite does no locking of its own on the connection, so
/// the caller must never use it from two threads at once. `ConnectionPool` guarantees that by
/// lending each connection to one borrower at a time.
///
/// `@unchecked Sendable` because a connection has to move between threads (the pool hands it to
/// whichever worker thread borrows it), yet its mutable state (the SQLite handle and the
/// statement cache) is unsynchronized. That is safe only under the pool's discipline: one
/// thread at a time, and the connection never escapes the borrowing closure. The exception
/// is `interrupt()`, which SQLite documents as callable from any thread.
public final class Connection: @unchecked Sendable {
    public enum Access: Sendable {
        /// Creates the file if missing and switches it to WAL mode.
        case readWrite
        /// Cannot write at all, so a reader can never take the write lock by mistake.
        /// The database file must already exist.
        case readOnly
    }

    let handle: OpaquePointer
    public let path: String
    public let access: Access

    /// How many prepared statements a connection keeps: well above the SQL texts the server
    /// runs (some 70 on the writer with comments and their moderation), so they all stay
    /// compiled, and a bound on what any other SQL can hold.
    public static let statementCacheCapacity = 128

    /// Keyed by the exact SQL text, least recently used dropped beyond the capacity.
    private var statementCache = StatementCache(capacity: Connection.statementCacheCapacity)
    /// Kept alive here because SQLite's profiling callback holds only a raw pointer to it.
    var slowStatementReporter: ReporterBox?

    /// Opens (and for `.readWrite`, creates) the database at `path` and applies the settings
    /// the server relies on: WAL journaling for writers, enforced foreign keys, `synchronous=FULL`
    /// so a committed write survives power loss, and a busy timeout so short lock conflicts wait
    /// instead of failing.
    public init(path: String, access: Access = .readWrite, busyTimeoutMilliseconds: Int32 = 5000) throws {
        // EXRESCODE: errors carry extended codes, which tell a UNIQUE violation from a NOT NULL one.
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch access {
        case .readWrite: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        _ = Self.libraryConfiguration
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else {
            throw SQLiteError(extendedCode: status, message: "cannot allocate a connection for \(path)")
        }
        guard status == SQLITE_OK else {
            // Even a failed open returns a handle, which holds the message and must still be closed.
            let error = SQLiteError(
                extendedCode: sqlite3_extended_errcode(opened),
                message: "\(String(cString: sqlite3_errmsg(opened))): \(path)"
            )
            sqlite3_close_v2(opened)
            throw error
        }
        self.handle = opened
        self.path = path
        self.access = access

        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        // No mmap_size: it saves a pread(2) per page (about a tenth of an uncached article read),
        // but every connection maps the file on its own and each mapping's pages count in the
        // resident size, so five connections on a 100 MB file showed as 430 MB RSS: a number
        // that would hide real memory growth from whoever runs the server.
        try execute(sql: "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
        if access == .readWrite {
            try enableWriteAheadLog()
        }
    }

    /// Process-wide settings SQLite takes only before its first connection; run once.
    private static let libraryConfiguration: Void = {
        _ = csqlite_disable_memory_statistics()
    }()

    deinit {
        // Finalize statements first so the close below is immediate rather than deferred.
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// WAL lets readers keep reading while the single writer writes. SQLite answers the pragma
    /// with the mode actually in effect, and silently keeps the old one when it cannot switch,
    /// so the answer is checked rather than assumed.
    private func enableWriteAheadLog() throws {
        let mode = try prepare("PRAGMA journal_mode = WAL").mapRows { $0.string(at: 0) }.first ?? nil
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(
                extendedCode: SQLITE_ERROR,
                message: "could not enable WAL journaling (journal mode is \(mode ?? "unknown")): \(path)"
            )
        }
    }

    /// How many pages the write-ahead log may hold before a commit on this connection runs a
    /// passive checkpoint (SQLite's default is 1000). With 0 this connection never checkpoints,
    /// not even when it closes as the database's last connection, which leaves checkpoints to
    /// another process that must see every frame before it is copied back into the database
    /// file: Litestream, which replicates the log. (A checkpoint on close would also delete the
    /// log, and Litestream, finding it gone when it starts again, uploads a whole new snapshot.)
    public func setAutomaticCheckpoint(pages: Int) throws {
        var status = sqlite3_wal_autocheckpoint(handle, Int32(clamping: pages))
        if status == SQLITE_OK {
            status = csqlite_set_checkpoint_on_close(handle, pages > 0 ? 1 : 0)
        }
        guard status == SQLITE_OK else {
            throw SQLiteError(extendedCode: status, message: "cannot set the automatic checkpoint to \(pages) pages: \(path)")
        }
    }

    // MARK: - Running SQL

    /// Runs a script of one or more statements, without parameters or results: schema setup,
    /// migrations, pragmas.
    public func execute(sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard status != SQLITE_OK else { return }
        let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
        sqlite3_free(errorMessage)
        throw SQLiteError(extendedCode: status, message: message, sql: sql)
    }

    /// Compiles a single statement that the caller owns; it is not cached.
    public func prepare(_ sql: String) throws -> Statement {
        try compile(sql, flags: 0)
    }

    /// The cached statement for `sql`, compiled on first use. Every call with the same SQL
    /// returns the same object while it stays cached (see `StatementCache`), so the caller must
    /// `reset()` it when done; prefer
    /// `withStatement(_:_:)`, which does that even when an error is thrown.
    public func statement(_ sql: String) throws -> Statement {
        if let cached = statementCache.statement(for: sql) {
            return cached
        }
        // PERSISTENT tells SQLite the statement will live long, so it avoids its lookaside memory.
        let statement = try compile(sql, flags: UInt32(SQLITE_PREPARE_PERSISTENT))
        statementCache.insert(statement, for: sql)
        return statement
    }

    /// Lends the cached statement for `sql` to `body` and always resets it afterwards, so the
    /// next user finds no leftover bindings, no half-read cursor and no open read transaction.
    ///
    /// If the same SQL is already lent out further up the call stack, `body` gets a one-off
    /// statement instead, so the outer use is not disturbed.
    public func withStatement<T>(_ sql: String, _ body: (Statement) throws -> T) throws -> T {
        var statement = try self.statement(sql)
        if statement.isCheckedOut {
            statement = try prepare(sql)
        }
        statement.isCheckedOut = true
        defer {
            statement.reset()
            statement.isCheckedOut = false
        }
        return try body(statement)
    }

    private func compile(_ sql: String, flags: UInt32) throws -> Statement {
        var compiled: OpaquePointer?
        var hasMoreStatements = false
        let status = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let status = sqlite3_prepare_v3(handle, text, -1, flags, &compiled, &tail)
            if status == SQLITE_OK, let tail, tail.pointee != 0 {
                hasMoreStatements = containsStatement(tail)
            }
            return status
        }
        guard status == SQLITE_OK else {
            throw SQLiteError(connection: handle, sql: sql)
        }
        guard let compiled else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "no SQL statement to prepare", sql: sql)
        }
        guard !hasMoreStatements else {
            sqlite3_finalize(compiled)
            // Only the first statement would run, silently dropping the rest.
            throw SQLiteError(
                extendedCode: SQLITE_MISUSE,
                message: "a prepared statement holds exactly one SQL statement; use execute(sql:) for scripts",
                sql: sql
            )
        }
        return Statement(handle: compiled, sql: sql)
    }

    /// Whether `text` holds anything beyond whitespace and comments, which SQLite compiles to nothing.
    /// Anything it cannot compile counts too: it is certainly not nothing.
    private func containsStatement(_ text: UnsafePointer<CChar>) -> Bool {
        var extra: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, text, -1, 0, &extra, nil)
        sqlite3_finalize(extra)
        return status != SQLITE_OK || extra != nil
    }

    // MARK: - State

    /// The rowid of the most recent successful INSERT on this connection.
    /// Whether `sql` with `values` bound yields at least one row: the shape of every "is this
    /// name taken" check.
    public func exists(_ sql: String, _ values: [SQLiteValue]) throws -> Bool {
        try withStatement(sql) { statement in
            try statement.bind(values)
            return try statement.step()
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether a transaction is open (SQLite is out of autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Makes the statement running on this connection fail with `SQLITE_INTERRUPT` as soon as
    /// possible, e.g. to cancel a runaway query. Safe to call from another thread.
    public func interrupt() {
        sqlite3_interrupt(handle)
    }
}
