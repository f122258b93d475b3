/// One versioned schema change, as plain SQL. Versions start at 1 and have no gaps, so a
/// database's applied versions say exactly which schema it has.
public struct Migration: Sendable, Hashable {
    public let version: Int
    /// For migrations loaded from a directory, the file name, so records and errors point at the file.
    public let name: String
    /// One or more statements. Must not contain BEGIN/COMMIT: the migrator wraps the whole
    /// script in its own transaction, together with the record of its application.
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Recorded when applied, to notice later that an applied migration was edited.
    public var checksum: String { migrationChecksum(of: sql) }
}
