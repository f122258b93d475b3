/// Why migrations could not be loaded or applied. Each case names the migration or file concerned.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// A `.sql` file whose name is not `NNNN_description.sql`.
    case invalidFileName(String)
    /// A version below 1.
    case invalidVersion(Int, name: String)
    /// Two migrations claim the same version.
    case duplicateVersion(Int, names: [String])
    /// Versions must run 1, 2, 3, …; this one is absent.
    case missingVersion(Int)
    /// The migration directory or one of its files could not be read.
    case unreadable(path: String, reason: String)
    /// An applied migration's SQL no longer matches what was applied. Applied migrations are
    /// history: change the schema with a new migration instead.
    case checksumMismatch(version: Int, name: String, applied: String, current: String)
    /// The database records a migration this program does not have, e.g. it was migrated by a
    /// newer release. Running against a schema it does not know would be unsafe.
    case unknownAppliedVersion(Int, name: String)
    /// The migration's SQL failed; it was rolled back entirely, along with its record.
    case failed(version: Int, name: String, error: SQLiteError)
    /// `migrate` was called inside an open transaction, where it cannot commit each migration on its own.
    case insideTransaction

    public var description: String {
        switch self {
        case .invalidFileName(let name):
            "invalid migration file name \"\(name)\": expected NNNN_description.sql (digits, underscore, letters/digits/_/-)"
        case .invalidVersion(let version, let name):
            "migration \(name) has invalid version \(version): versions start at 1"
        case .duplicateVersion(let version, let names):
            "migration version \(version) is used more than once: \(names.joined(separator: ", "))"
        case .missingVersion(let version):
            "migration version \(version) is missing: versions must run 1, 2, 3, … without gaps"
        case .unreadable(let path, let reason):
            "cannot read migrations at \(path): \(reason)"
        case .checksumMismatch(let version, let name, let applied, let current):
            "migration \(name) (version \(version)) was changed after it was applied (checksum \(applied) applied, \(current) now); add a new migration instead"
        case .unknownAppliedVersion(let version, let name):
            "database has migration \(name) (version \(version)) applied, which this program does not know"
        case .failed(let version, let name, let error):
            "migration \(name) (version \(version)) failed and was rolled back: \(error)"
        case .insideTransaction:
            "migrations cannot run inside an open transaction"
        }
    }
}
