import CSQLite

extension Connection {
    /// Runs `body` while SQLite asks `shouldStop` every `instructions` virtual-machine
    /// instructions it executes on this connection (`sqlite3_progress_handler`). When it answers
    /// true, the statement running fails with `SQLITE_INTERRUPT` (`SQLiteError.isInterrupted`):
    /// a query cannot outrun a deadline, or a caller that no longer wants its answer, by more
    /// than one instruction's work. (One instruction can be long: a virtual table's filter
    /// call, such as FTS5 merging the lists of every word a prefix stands for, ends first.)
    ///
    /// The connection has one progress handler: calls do not nest, and the handler is removed
    /// when `body` returns or throws.
    public func withProgressCheck<T>(every instructions: Int32, stopWhen shouldStop: () -> Bool, _ body: () throws -> T) throws -> T {
        try withoutActuallyEscaping(shouldStop) { shouldStop in
            let check = ProgressCheck(shouldStop: shouldStop)
            sqlite3_progress_handler(handle, instructions, ProgressCheck.callback, Unmanaged.passUnretained(check).toOpaque())
            defer { sqlite3_progress_handler(handle, 0, nil, nil) }
            return try withExtendedLifetime(check) { try body() }
        }
    }
}

/// The context SQLite hands back to the progress callback: a C callback cannot capture a
/// closure, so the closure travels as a pointer to this box, alive for the whole check.
private final class ProgressCheck {
    let shouldStop: () -> Bool

    init(shouldStop: @escaping () -> Bool) {
        self.shouldStop = shouldStop
    }

    /// Non-zero makes SQLite interrupt the statement.
    static let callback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
        guard let context else { return 0 }
        return Unmanaged<ProgressCheck>.fromOpaque(context).takeUnretainedValue().shouldStop() ? 1 : 0
    }
}

extension SQLiteError {
    /// The statement was stopped: by `Connection.interrupt()` or by a progress check.
    public var isInterrupted: Bool { resultCode == SQLITE_INTERRUPT }
}
