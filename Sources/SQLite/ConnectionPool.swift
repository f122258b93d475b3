import CSQLite

/// The database as the server uses it: one writer connection and several read-only reader
/// connections on one WAL-mode file, shared by blocking worker threads.
///
/// In WAL mode readers read a snapshot while the writer appends to the log, so reads never wait
/// for the write in progress and the write never waits for reads. Writes are serialized here,
/// in the pool, rather than by SQLite's file lock, so a waiting write sleeps until the writer
/// is free instead of polling the lock through the busy timeout and possibly failing with BUSY.
///
/// Do not call `read` or `write` again from inside a `write` body on the same thread: the
/// writer is already taken by that thread, and the nested call would wait for it forever.
/// Likewise, nested `read` calls can exhaust the readers.
public final class ConnectionPool: Sendable {
    public let path: String
    /// Each reader's page cache, in KiB (SQLite's default is 2,000). Reads that matter jump
    /// around a file far larger than any cache (an article's row and body pages, the rows of
    /// its related summaries), which the kernel's page cache keeps anyway; what a reader
    /// reuses, the B-trees' upper pages, is a few hundred KB. With the default, four readers
    /// held 6 MB more resident memory (58 against 52 MB after article and listing reads on
    /// 20,000 articles) for neither faster details (66.3 against 58.4 µs of CPU each) nor
    /// faster searches (p99 of the mix 5.2 against 5.6 ms, the common word 6.2 against 5.6).
    static let readerPageCacheKiB = 512
    private let writer: ConnectionQueue
    private let readers: ConnectionQueue

    /// Opens the writer first, which creates the file and switches it to WAL, then the readers,
    /// which can only open a file that already exists. `prepare` runs on each connection before
    /// any other use, for what every connection must have, such as SQL functions and tokenizers
    /// the schema names. `automaticCheckpointPages` applies to the writer, the only connection
    /// that commits; nil keeps SQLite's default (see `Connection.setAutomaticCheckpoint`).
    public init(
        path: String, readerCount: Int = 4, busyTimeoutMilliseconds: Int32 = 5000, automaticCheckpointPages: Int? = nil,
        slowStatements: SlowStatementReporter? = nil, prepare: (Connection) throws -> Void = { _ in }
    ) throws {
        precondition(readerCount > 0, "a connection pool needs at least one reader")
        let writerConnection = try Connection(
            path: path, access: .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        if let automaticCheckpointPages {
            try writerConnection.setAutomaticCheckpoint(pages: automaticCheckpointPages)
        }
        let readerConnections = try (0..<readerCount).map { _ in
            let reader = try Connection(path: path, access: .readOnly, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            try reader.execute(sql: "PRAGMA cache_size = -\(Self.readerPageCacheKiB)")
            return reader
        }
        for connection in readerConnections + [writerConnection] {
            try prepare(connection)
            if let slowStatements { connection.reportSlowStatements(slowStatements) }
        }
        self.path = path
        self.writer = ConnectionQueue([writerConnection])
        self.readers = ConnectionQueue(readerConnections)
    }

    /// Runs `body` on a reader, waiting for one if all are busy.
    ///
    /// The body runs inside a deferred transaction, so every query in it sees the same snapshot
    /// of the database even if writes commit in between (say, a count and the page it describes).
    /// Throws, beyond the body's errors, when the pool is closed.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withConnection { connection in
            try connection.transaction(.deferred) {
                try body(connection)
            }
        }
    }

    /// Runs `body` on a reader with no transaction around it: each statement reads the latest
    /// snapshot on its own. For a read of one statement, which is a snapshot by itself, where
    /// `BEGIN` and `COMMIT` would be two statements more (a reader's article detail, which may
    /// read a second time only what it keeps for later, `ArticleService.splicedDetail`).
    public func readStatementsAlone<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withConnection { connection in try body(connection) }
    }

    /// Runs `body` on the writer, after any write already in progress, inside a
    /// `BEGIN IMMEDIATE … COMMIT` transaction: if the body throws, or the commit fails,
    /// nothing it wrote is kept.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try writer.withConnection { connection in
            try connection.transaction(.immediate) {
                try body(connection)
            }
        }
    }

    /// Runs `body` on the writer with no transaction around it, for work that manages its own
    /// transactions (the `Migrator`) or cannot run inside one (`VACUUM`).
    ///
    /// A transaction the body leaves open is rolled back, since it would otherwise swallow every
    /// later write into one transaction that never commits; that case also throws, as it is a bug.
    public func writeWithoutTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try writer.withConnection { connection in
            let result: T
            do {
                result = try body(connection)
            } catch {
                connection.rollbackIfInTransaction()
                throw error
            }
            guard !connection.isInTransaction else {
                connection.rollbackIfInTransaction()
                throw SQLiteError(
                    extendedCode: SQLITE_MISUSE,
                    message: "writeWithoutTransaction body left a transaction open; it was rolled back"
                )
            }
            return result
        }
    }

    /// Waits for readers when all were busy, for sizing `readerCount`.
    public var readerWaits: WaitStatistics { readers.waitStatistics }

    /// Waits for the writer while another write was in progress.
    public var writerWaits: WaitStatistics { writer.waitStatistics }

    /// Closes every connection, after waiting for those in use to be returned. Later `read` and
    /// `write` calls throw. The readers close first so that the writer is the last connection
    /// and its close checkpoints the WAL back into the database file.
    public func close() {
        readers.close()
        writer.close()
    }
}
