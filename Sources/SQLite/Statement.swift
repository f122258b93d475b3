import CSQLite

/// A compiled SQL statement: bind parameters, step through rows, read columns.
///
/// Parameter indexes are 1-based and column indexes 0-based, as in SQLite's C API, so SQL and
/// code can be read side by side without translating.
///
/// Not `Sendable`: a statement belongs to one connection, which is used by one thread at a time.
/// Statements obtained from `Connection.statement(_:)` are shared by every caller on that
/// connection, which is why `Connection.withStatement(_:_:)` is the safer way to use them.
public final class Statement {
    private let handle: OpaquePointer
    public let sql: String

    /// Set while `Connection.withStatement` lends this cached statement out, so a nested request
    /// for the same SQL gets its own statement instead of clobbering this one's bindings and cursor.
    var isCheckedOut = false

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    private var connectionHandle: OpaquePointer { sqlite3_db_handle(handle) }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else {
            throw SQLiteError(connection: connectionHandle, sql: sql)
        }
    }

    // MARK: - Binding by 1-based index

    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    public func bindNull(at index: Int) throws {
        try check(sqlite3_bind_null(handle, Int32(clamping: index)))
    }

    public func bind(_ value: Int64?, at index: Int) throws {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_int64(handle, Int32(clamping: index), value))
    }

    public func bind(_ value: Int?, at index: Int) throws {
        try bind(value.map(Int64.init), at: index)
    }

    /// Stored as 0 or 1, SQLite's convention for booleans.
    public func bind(_ value: Bool?, at index: Int) throws {
        try bind(value.map { $0 ? Int64(1) : 0 }, at: index)
    }

    public func bind(_ value: Double?, at index: Int) throws {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_double(handle, Int32(clamping: index), value))
    }

    /// Binds the string's UTF-8 bytes with an explicit length, so text containing NUL characters
    /// is stored whole rather than cut at the first NUL as a C string would be.
    public func bind(_ value: String?, at index: Int) throws {
        guard var value else { return try bindNull(at: index) }
        let position = Int32(clamping: index)
        let status = value.withUTF8 { utf8 -> Int32 in
            // SQLite treats a null pointer as NULL, not as '', and an empty buffer may have no address.
            guard let base = utf8.baseAddress else {
                return sqlite3_bind_text(handle, position, "", 0, transientDestructor)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { text in
                sqlite3_bind_text64(handle, position, text, UInt64(utf8.count), transientDestructor, UInt8(SQLITE_UTF8))
            }
        }
        try check(status)
    }

    public func bind(_ value: [UInt8]?, at index: Int) throws {
        guard let value else { return try bindNull(at: index) }
        let position = Int32(clamping: index)
        let status = value.withUnsafeBytes { bytes -> Int32 in
            // As with text, a null pointer would bind NULL; an empty blob must stay an empty blob.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_zeroblob(handle, position, 0)
            }
            return sqlite3_bind_blob64(handle, position, base, UInt64(bytes.count), transientDestructor)
        }
        try check(status)
    }

    public func bind(_ value: SQLiteValue, at index: Int) throws {
        switch value {
        case .integer(let integer): try bind(integer, at: index)
        case .real(let real): try bind(real, at: index)
        case .text(let text): try bind(text, at: index)
        case .blob(let bytes): try bind(bytes, at: index)
        case .null: try bindNull(at: index)
        }
    }

    /// Binds every parameter in order. The count must match exactly: a missing value would
    /// otherwise be silently bound as NULL.
    public func bind(_ values: [SQLiteValue]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(
                extendedCode: SQLITE_RANGE,
                message: "statement has \(parameterCount) parameters but \(values.count) values were given",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    // MARK: - Binding by name

    /// The index of a named parameter, spelled as in the SQL including its prefix (`:title`).
    public func parameterIndex(named name: String) throws -> Int {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else {
            throw SQLiteError(extendedCode: SQLITE_RANGE, message: "no parameter named \(name)", sql: sql)
        }
        return Int(index)
    }

    public func bindNull(named name: String) throws { try bindNull(at: parameterIndex(named: name)) }
    public func bind(_ value: Int64?, named name: String) throws { try bind(value, at: parameterIndex(named: name)) }
    public func bind(_ value: Int?, named name: String) throws { try bind(value, at: parameterIndex(named: name)) }
    public func bind(_ value: Bool?, named name: String) throws { try bind(value, at: parameterIndex(named: name)) }
    public func bind(_ value: Double?, named name: String) throws { try bind(value, at: parameterIndex(named: name)) }
    public func bind(_ value: String?, named name: String) throws { try bind(value, at: parameterIndex(named: name)) }
    public func bind(_ value: [UInt8]?, named name: String) throws { try bind(value, at: parameterIndex(named: name)) }
    public func bind(_ value: SQLiteValue, named name: String) throws { try bind(value, at: parameterIndex(named: name)) }

    // MARK: - Running

    /// Advances to the next row. Returns `true` when a row is available for reading, `false`
    /// when the statement has finished.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(connection: connectionHandle, sql: sql)
        }
    }

    /// Steps through every row, handing the statement itself (positioned on the row) to `body`
    /// so columns are read in place without copying the row.
    public func forEachRow(_ body: (Statement) throws -> Void) throws {
        while try step() {
            try body(self)
        }
    }

    /// Steps through every row and collects what `transform` makes of each.
    public func mapRows<T>(_ transform: (Statement) throws -> T) throws -> [T] {
        var results: [T] = []
        while try step() {
            results.append(try transform(self))
        }
        return results
    }

    /// Runs the statement to completion and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func executeUpdate() throws -> Int {
        while try step() {}
        return Int(sqlite3_changes64(connectionHandle))
    }

    /// Rewinds the statement and clears its bindings so the next user starts clean.
    ///
    /// What `sqlite3_reset` returns only repeats the error of the last failed step, which
    /// `step()` has already thrown, so there is nothing left to report here.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: - Reading columns of the current row (0-based)

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(at index: Int) -> String {
        guard let name = sqlite3_column_name(handle, Int32(clamping: index)) else { return "" }
        return String(cString: name)
    }

    public var columnNames: [String] { (0..<columnCount).map(columnName(at:)) }

    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(clamping: index)) == SQLITE_NULL
    }

    /// NULL reads as 0, following SQLite; check `isNull(at:)` when the column is nullable.
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(clamping: index))
    }

    /// NULL reads as 0, following SQLite; check `isNull(at:)` when the column is nullable.
    public func int(at index: Int) -> Int {
        Int(truncatingIfNeeded: int64(at: index))
    }

    /// NULL reads as 0.0, following SQLite; check `isNull(at:)` when the column is nullable.
    public func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(clamping: index))
    }

    /// Non-zero is `true`, matching how SQLite evaluates conditions.
    public func bool(at index: Int) -> Bool {
        int64(at: index) != 0
    }

    /// The column as text, or `nil` for NULL. Decoded straight from SQLite's UTF-8 buffer with its
    /// explicit length, so embedded NULs survive and no bridging layer is involved.
    public func string(at index: Int) -> String? {
        let column = Int32(clamping: index)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        // The text pointer must be fetched before the byte count: asking for the text may convert
        // the value, and the count describes the converted form.
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as bytes, or `nil` for NULL.
    public func blob(at index: Int) -> [UInt8]? {
        let column = Int32(clamping: index)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        // SQLite returns a null pointer for a zero-length blob.
        guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column in whatever storage class SQLite holds it.
    public func value(at index: Int) -> SQLiteValue {
        switch sqlite3_column_type(handle, Int32(clamping: index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return string(at: index).map(SQLiteValue.text) ?? .null
        case SQLITE_BLOB: return blob(at: index).map(SQLiteValue.blob) ?? .null
        default: return .null
        }
    }
}

/// SQLite's `SQLITE_TRANSIENT`, a C macro casting -1 to a destructor that Swift cannot import.
/// It makes SQLite copy bound bytes during the call, so Swift's buffers only need to live that long.
var transientDestructor: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
