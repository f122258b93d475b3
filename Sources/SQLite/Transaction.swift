/// How eagerly a transaction takes its locks.
public enum TransactionKind: Sendable {
    /// Takes locks on first use. Right for reads: in WAL mode the snapshot starts at the first read.
    case deferred
    /// Takes the write lock at BEGIN, so a busy database is reported (or waited for) up front
    /// instead of failing halfway through, when upgrading a read lock cannot wait.
    case immediate
    /// Like `immediate`; in WAL mode the two behave the same.
    case exclusive

    var beginSQL: String {
        switch self {
        case .deferred: "BEGIN DEFERRED"
        case .immediate: "BEGIN IMMEDIATE"
        case .exclusive: "BEGIN EXCLUSIVE"
        }
    }
}

extension Connection {
    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// Inside an open transaction this becomes a savepoint instead (and `kind` is irrelevant),
    /// so a nested failure undoes only the nested work and the outer body can carry on.
    public func transaction<T>(_ kind: TransactionKind = .deferred, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try run(kind.beginSQL)
        let result: T
        do {
            result = try body()
            try run("COMMIT")
        } catch {
            rollbackIfInTransaction()
            throw error
        }
        return result
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        try run("SAVEPOINT nested_transaction")
        do {
            let result = try body()
            try run("RELEASE nested_transaction")
            return result
        } catch {
            // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) make SQLite roll back the whole
            // transaction itself; then there is no savepoint left to return to.
            if isInTransaction {
                // ROLLBACK TO undoes the work but keeps the savepoint open; RELEASE closes it.
                // Their failure would add nothing to the error being thrown.
                try? run("ROLLBACK TO nested_transaction")
                try? run("RELEASE nested_transaction")
            }
            throw error
        }
    }

    /// Ends whatever transaction is open without keeping its changes. A failing ROLLBACK is
    /// ignored: it only happens when SQLite has already ended the transaction or the connection
    /// is unusable, and callers are already reporting the error that brought them here.
    func rollbackIfInTransaction() {
        if isInTransaction {
            try? run("ROLLBACK")
        }
    }

    /// Transaction control statements are run so often that they are worth caching too.
    private func run(_ sql: String) throws {
        _ = try withStatement(sql) { statement in
            try statement.executeUpdate()
        }
    }
}
