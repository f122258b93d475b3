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
        try record(action, object: object, summary: summary, as: AuditActor(principal), at: now, in: db)
    }

    /// The same for an actor who is no principal (a reader posting a comment).
    func record(_ action: String, object: String, summary: String = "", as actor: AuditActor, at now: Timestamp, in db: Connection) throws {
        try db.withStatement(
            """
            INSERT INTO audit_log (at, identity, role, client_address, request_id, action, object, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        ) { statement in
            try statement.bind([
                .integer(now.milliseconds), .text(actor.identity), .text(actor.role), .text(actor.clientAddress), .text(actor.requestID),
                .text(action), .text(object), .text(Self.shortened(summary)),
            ])
            try statement.executeUpdate()
        }
    }

    /// Summaries say what changed in a line; a long title or reason is cut, not the row refused.
    static let summaryLength = 200

    private static func shortened(_ summary: String) -> String {
        summary.count <= summaryLength ? summary : String(summary.prefix(summaryLength - 1)) + "…"
    }
}
