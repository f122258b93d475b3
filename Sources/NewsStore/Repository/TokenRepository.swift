import SQLite

/// API tokens in SQLite. Only SHA-256 hashes are stored.
struct TokenRepository {
    func isActive(hash: String, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", [.text(hash)])
    }

    func insert(name: String, hash: String, now: Timestamp, in db: Connection) throws -> Int64 {
        try db.withStatement("INSERT INTO api_tokens (name, token_hash, created_at) VALUES (?, ?, ?)") { statement in
            try statement.bind([.text(name), .text(hash), .integer(now.milliseconds)])
            try statement.executeUpdate()
            return db.lastInsertRowID
        }
    }

    func nameTaken(_ name: String, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM api_tokens WHERE name = ?", [.text(name)])
    }

    func list(in db: Connection) throws -> [TokenInfo] {
        try db.withStatement("SELECT id, name, created_at, revoked_at FROM api_tokens ORDER BY id") { statement in
            try statement.mapRows { row in
                TokenInfo(
                    id: row.int64(at: 0), name: row.string(at: 1)!, createdAt: Timestamp(milliseconds: row.int64(at: 2)),
                    revokedAt: ArticleRepository.timestamp(row, at: 3))
            }
        }
    }

    /// Revokes the active token called `name`; false when there is none.
    func revoke(name: String, now: Timestamp, in db: Connection) throws -> Bool {
        try db.withStatement("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL") { statement in
            try statement.bind([.integer(now.milliseconds), .text(name)])
            return try statement.executeUpdate() > 0
        }
    }
}

/// A token as `token list` shows it: never the token itself.
public struct TokenInfo: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let createdAt: Timestamp
    public let revokedAt: Timestamp?
}
