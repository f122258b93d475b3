import SQLite

/// The SQL of comment bans.
struct CommentBanRepository {
    private struct Columns {
        let id: Int
        let email: Int
        let address: Int
        let reason: Int
        let createdAt: Int
        let expiresAt: Int

        init(_ list: inout SelectList) {
            id = list.column("id")
            email = list.column("email")
            address = list.column("address")
            reason = list.column("reason")
            createdAt = list.column("created_at")
            expiresAt = list.column("expires_at")
        }

        func read(_ row: Statement) -> CommentBan {
            CommentBan(
                id: row.int64(at: id), email: row.string(at: email), address: row.string(at: address), reason: row.string(at: reason) ?? "",
                createdAt: Timestamp(milliseconds: row.int64(at: createdAt)), expiresAt: row.timestamp(at: expiresAt))
        }
    }

    private static let banRow: (sql: String, columns: Columns) = {
        var list = SelectList()
        let columns = Columns(&list)
        return (list.sql, columns)
    }()

    /// Whether a ban in force at `now` names this email (already lower case) or client.
    func isBanned(email: String?, clientKey: String, at now: Timestamp, in db: Connection) throws -> Bool {
        try db.exists(
            """
            SELECT 1 FROM comment_bans
            WHERE (email = ?1 OR client_key = ?2) AND (expires_at IS NULL OR expires_at > ?3)
            """, [email.map(SQLiteValue.text) ?? .null, .text(clientKey), .integer(now.milliseconds)])
    }

    func insert(email: String?, address: String?, clientKey: String?, reason: String, expiresAt: Timestamp?, now: Timestamp, in db: Connection)
        throws -> CommentBan
    {
        try db.withStatement(
            "INSERT INTO comment_bans (email, address, client_key, reason, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        ) { statement in
            try statement.bind([
                email.map(SQLiteValue.text) ?? .null, address.map(SQLiteValue.text) ?? .null, clientKey.map(SQLiteValue.text) ?? .null,
                .text(reason), .integer(now.milliseconds), expiresAt.map { .integer($0.milliseconds) } ?? .null,
            ])
            try statement.executeUpdate()
        }
        return CommentBan(id: db.lastInsertRowID, email: email, address: address, reason: reason, createdAt: now, expiresAt: expiresAt)
    }

    /// Every ban, newest first, expired ones too (a moderator sees what ran out).
    func all(in db: Connection) throws -> [CommentBan] {
        let row = Self.banRow
        return try db.withStatement("SELECT \(row.sql) FROM comment_bans ORDER BY id DESC") { statement in
            try statement.mapRows(row.columns.read)
        }
    }

    func delete(id: Int64, in db: Connection) throws -> Bool {
        try db.withStatement("DELETE FROM comment_bans WHERE id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.executeUpdate() > 0
        }
    }
}
