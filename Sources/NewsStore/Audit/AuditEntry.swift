/// One row of the audit log: who (identity and role) did what (action) to what (object), when,
/// from where (client address, request id), in a short summary.
public struct AuditEntry: Sendable, Equatable {
    public let id: Int64
    public let at: Timestamp
    /// The token holder's name, `bootstrap`, `system`, or `anonymous` for a reader.
    public let identity: String
    /// The role the write was made with: one of `Role`'s, or `reader`.
    public let role: String
    /// Empty when the write came from no request (a command, the server's own work).
    public let clientAddress: String
    public let requestID: String
    /// `<kind>.<verb>`, such as `article.update`.
    public let action: String
    /// `<kind>:<id>`, such as `article:42`.
    public let object: String
    public let summary: String
}
