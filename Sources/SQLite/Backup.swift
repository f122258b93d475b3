import CSQLite
import Glibc

extension Connection {
    /// Copies this database, page by page with SQLite's online backup API, into `destination`.
    /// Run inside a read transaction (as `ConnectionPool.read` does), the copy is one consistent
    /// snapshot while writers carry on. `progress` gets the pages left and the total after each
    /// step.
    public func backup(
        to destination: Connection, pagesPerStep: Int32 = 1024, progress: (_ remaining: Int, _ total: Int) -> Void = { _, _ in }
    ) throws {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw SQLiteError(
                extendedCode: sqlite3_extended_errcode(destination.handle),
                message: String(cString: sqlite3_errmsg(destination.handle)))
        }
        var status: Int32
        repeat {
            status = sqlite3_backup_step(backup, pagesPerStep)
            progress(Int(sqlite3_backup_remaining(backup)), Int(sqlite3_backup_pagecount(backup)))
            // The destination is ours alone, so BUSY/LOCKED are passing; wait a moment, go on.
            if status == SQLITE_BUSY || status == SQLITE_LOCKED { usleep(10_000) }
        } while status == SQLITE_OK || status == SQLITE_BUSY || status == SQLITE_LOCKED
        let finish = sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE, finish == SQLITE_OK else {
            throw SQLiteError(
                extendedCode: status == SQLITE_DONE ? finish : status,
                message: String(cString: sqlite3_errmsg(destination.handle)))
        }
    }

    /// `PRAGMA integrity_check`: nil when the database is sound, else SQLite's first complaint.
    public func integrityProblem() throws -> String? {
        let result = try prepare("PRAGMA integrity_check").mapRows { $0.string(at: 0) }.first ?? nil
        return result == "ok" ? nil : (result ?? "no answer")
    }
}
