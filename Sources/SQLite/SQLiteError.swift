import CSQLite

/// A failure reported by SQLite, kept with enough context to diagnose it from a log line.
///
/// Connections enable extended result codes, so `extendedCode` distinguishes, say, a UNIQUE
/// violation from a NOT NULL one while `resultCode` keeps the broad category.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public let resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, ...); equals `resultCode` when SQLite has no refinement.
    public let extendedCode: Int32
    /// SQLite's own explanation, as returned by `sqlite3_errmsg` at the time of the failure.
    public let message: String
    /// The SQL being prepared or run, when the failure is tied to one.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.resultCode = extendedCode & 0xFF
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Captures the connection's current error. Must be called right after the failing call,
    /// before anything else on the connection overwrites the error state.
    init(connection handle: OpaquePointer, sql: String? = nil) {
        self.init(
            extendedCode: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql
        )
    }

    public var isConstraintViolation: Bool { resultCode == SQLITE_CONSTRAINT }

    /// A duplicate key: PRIMARY KEY conflicts count too, since to a caller they mean the same thing
    /// ("this already exists").
    public var isUniqueViolation: Bool {
        extendedCode == Self.constraintUnique || extendedCode == Self.constraintPrimaryKey
    }

    public var isForeignKeyViolation: Bool { extendedCode == Self.constraintForeignKey }

    /// Another connection held a conflicting lock for longer than the busy timeout; retrying may succeed.
    public var isBusy: Bool { resultCode == SQLITE_BUSY }

    // sqlite3.h defines the extended codes as expressions over other macros, which Swift does not
    // import; these are their values, fixed by SQLite's compatibility guarantee.
    private static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    private static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    private static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)

    public var description: String {
        var text = "SQLite error \(resultCode)"
        if extendedCode != resultCode {
            text += " (extended \(extendedCode))"
        }
        text += ": \(message)"
        if let sql {
            text += " — SQL: \(sql)"
        }
        return text
    }
}
