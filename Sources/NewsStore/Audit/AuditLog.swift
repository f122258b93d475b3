import SQLite

/// Appends to the audit log, inside the transaction of the write it describes: a write that
/// rolls back leaves no row, and a committed one always has its row. Every service write
/// calls it once per change, naming the principal the route (or command) passed in.
struct AuditLog {
    /// Records `action` (`<kind>.<verb>`, such as `article.update`) on `object`
    /// (`<kind>:<id>`, such as `article:42`) with a short human `summary`.
    func record(
        _ action: String, object: String, summary: String = "", by principal: Principal, at now: Timestamp, in db: Connection
    ) throws {
        try db.withStatement(
            """
            INSERT INTO audit_log (at, identity, role, client_address, request_id, action, object, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        ) { statement in
            try statement.bind([
                .integer(now.milliseconds), .text(principal.identity), .text(principal.role.rawValue), .text(principal.clientAddress),
                .text(principal.requestID), .text(action), .text(object), .text(summary),
            ])
            try statement.executeUpdate()
        }
    }
}
