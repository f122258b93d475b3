import CSQLite

/// A SQL function written in Swift, such as one that turns a stored JSON body into plain text
/// for a trigger. Registered per connection with `Connection.register(_:)`; every connection
/// that runs SQL naming it (triggers included) must have it.
public struct ScalarFunction: Sendable {
    public let name: String
    public let argumentCount: Int
    /// Same arguments, same result, no side effects: lets SQLite use it in indexes and triggers
    /// of schemas it trusts, and factor calls out of loops.
    public let deterministic: Bool
    let body: @Sendable ([SQLiteValue]) -> SQLiteValue

    public init(name: String, argumentCount: Int, deterministic: Bool = true, body: @escaping @Sendable ([SQLiteValue]) -> SQLiteValue) {
        self.name = name
        self.argumentCount = argumentCount
        self.deterministic = deterministic
        self.body = body
    }
}

extension Connection {
    /// Makes `function` callable from SQL on this connection.
    public func register(_ function: ScalarFunction) throws {
        var flags = SQLITE_UTF8
        if function.deterministic { flags |= SQLITE_DETERMINISTIC }
        // SQLite owns one retain of the box and gives it back through the destroy callback when
        // the function is replaced or the connection closes.
        let box = Unmanaged.passRetained(ScalarFunctionBox(function.body)).toOpaque()
        let status = sqlite3_create_function_v2(
            handle, function.name, Int32(function.argumentCount), flags, box,
            { context, count, arguments in
                let body = Unmanaged<ScalarFunctionBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue().body
                let values = (0..<Int(count)).map { SQLiteValue(argument: arguments![$0]) }
                setResult(body(values), of: context)
            },
            nil, nil,
            { box in Unmanaged<ScalarFunctionBox>.fromOpaque(box!).release() })
        guard status == SQLITE_OK else {
            throw SQLiteError(
                extendedCode: status, message: "cannot register the SQL function \(function.name): \(String(cString: sqlite3_errmsg(handle)))")
        }
    }
}

/// Carries a function's closure through SQLite's `void *` user data.
private final class ScalarFunctionBox {
    let body: @Sendable ([SQLiteValue]) -> SQLiteValue
    init(_ body: @escaping @Sendable ([SQLiteValue]) -> SQLiteValue) { self.body = body }
}

private func setResult(_ value: SQLiteValue, of context: OpaquePointer?) {
    switch value {
    case .integer(let integer): sqlite3_result_int64(context, integer)
    case .real(let real): sqlite3_result_double(context, real)
    case .text(let text):
        var text = text
        text.withUTF8 { bytes in
            // A null pointer would make the result NULL rather than ''.
            guard let base = bytes.baseAddress else { return sqlite3_result_text(context, "", 0, transientDestructor) }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                sqlite3_result_text64(context, chars, UInt64(bytes.count), transientDestructor, UInt8(SQLITE_UTF8))
            }
        }
    case .blob(let bytes):
        bytes.withUnsafeBytes { raw in sqlite3_result_blob64(context, raw.baseAddress, UInt64(raw.count), transientDestructor) }
    case .null: sqlite3_result_null(context)
    }
}

extension SQLiteValue {
    /// A function argument, copied out of SQLite's memory.
    init(argument value: OpaquePointer?) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let count = Int(sqlite3_value_bytes(value))
            let bytes = sqlite3_value_text(value).map { UnsafeBufferPointer(start: $0, count: count) }
            self = .text(bytes.map { String(decoding: $0, as: UTF8.self) } ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            self = .blob(sqlite3_value_blob(value).map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? [])
        default: self = .null
        }
    }
}
