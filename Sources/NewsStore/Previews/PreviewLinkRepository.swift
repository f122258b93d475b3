import SQLite

/// Preview links in SQLite, looked up by the digest of their token.
struct PreviewLinkRepository {
    private struct Columns {
        let id: Int
        let articleID: Int
        let createdBy: Int
        let createdAt: Int
        let expiresAt: Int
        let revokedAt: Int

        init(_ list: inout SelectList) {
            id = list.column("id")
            articleID = list.column("article_id")
            createdBy = list.column("created_by")
            createdAt = list.column("created_at")
            expiresAt = list.column("expires_at")
            revokedAt = list.column("revoked_at")
        }

        func read(_ row: Statement) -> PreviewLink {
            PreviewLink(
                id: row.int64(at: id), articleID: row.int64(at: articleID), createdBy: row.string(at: createdBy)!,
                createdAt: Timestamp(milliseconds: row.int64(at: createdAt)), expiresAt: Timestamp(milliseconds: row.int64(at: expiresAt)),
                revokedAt: row.timestamp(at: revokedAt))
        }
    }

    private static let row: (sql: String, columns: Columns) = {
        var list = SelectList()
        let columns = Columns(&list)
        return (list.sql, columns)
    }()

    func insert(articleID: Int64, hash: String, createdBy: String, now: Timestamp, expiresAt: Timestamp, in db: Connection) throws
        -> PreviewLink
    {
        try db.withStatement(
            "INSERT INTO preview_links (article_id, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"
        ) { statement in
            try statement.bind([.integer(articleID), .text(hash), .text(createdBy), .integer(now.milliseconds), .integer(expiresAt.milliseconds)])
            try statement.executeUpdate()
        }
        return PreviewLink(
            id: db.lastInsertRowID, articleID: articleID, createdBy: createdBy, createdAt: now, expiresAt: expiresAt, revokedAt: nil)
    }

    func link(hash: String, in db: Connection) throws -> PreviewLink? {
        try db.withStatement("SELECT \(Self.row.sql) FROM preview_links WHERE token_hash = ?") { statement in
            try statement.bind([.text(hash)])
            return try statement.mapRows(Self.row.columns.read).first
        }
    }

    func link(id: Int64, ofArticle articleID: Int64, in db: Connection) throws -> PreviewLink? {
        try db.withStatement("SELECT \(Self.row.sql) FROM preview_links WHERE id = ? AND article_id = ?") { statement in
            try statement.bind([.integer(id), .integer(articleID)])
            return try statement.mapRows(Self.row.columns.read).first
        }
    }

    /// An article's links, newest first.
    func links(ofArticle articleID: Int64, in db: Connection) throws -> [PreviewLink] {
        try db.withStatement("SELECT \(Self.row.sql) FROM preview_links WHERE article_id = ? ORDER BY id DESC") { statement in
            try statement.bind([.integer(articleID)])
            return try statement.mapRows(Self.row.columns.read)
        }
    }

    /// Revokes a link that is not revoked yet; false when it already was.
    func revoke(id: Int64, now: Timestamp, in db: Connection) throws -> Bool {
        try db.withStatement("UPDATE preview_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL") { statement in
            try statement.bind([.integer(now.milliseconds), .integer(id)])
            return try statement.executeUpdate() > 0
        }
    }
}
