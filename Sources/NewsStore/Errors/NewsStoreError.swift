/// What the domain layer reports to its callers. The API maps each case once to a status and
/// a problem document; nothing above this layer sees SQLite's errors.
public enum NewsStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such resource, or not visible to this caller.
    case notFound(String)
    /// The write collides with existing data (a taken slug or name, a category still in use).
    case conflict(String)
    /// The write is well-formed but breaks the rules; every failing field is listed.
    case invalid([FieldError])
    /// A listing's parameters make no sense (a cursor from another listing, say).
    case invalidQuery(String)
    /// The client's `If-Match` version is not the current one: someone else changed it first.
    case versionMismatch(current: Int64)
    /// The caller may not do this here, whoever it is (comments on a closed article, a banned
    /// commenter); the text says no more than the caller may know.
    case refused(String)
    /// The caller's role does not allow this; `requiredRole` is the least role that would.
    case notAllowed(String, requiredRole: Role)

    public var description: String {
        switch self {
        case .notFound(let what): "no such \(what)"
        case .conflict(let detail), .invalidQuery(let detail), .refused(let detail), .notAllowed(let detail, _): detail
        case .invalid(let errors): errors.map { "\($0.pointer): \($0.detail)" }.joined(separator: "; ")
        case .versionMismatch(let current): "the resource changed (now at version \(current))"
        }
    }
}
