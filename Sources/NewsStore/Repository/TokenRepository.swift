import SQLite

/// API tokens in SQLite. Only SHA-256 hashes are stored.
struct TokenRepository {
    /// Every token is an admin's until tokens carry roles.
    func activeHolder(hash: String, in db: Connection) throws -> TokenHolder? {
        try db.withStatement("SELECT name FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL") { statement in
            try statement.bind([.text(hash)])
            return try statement.mapRows { row in TokenHolder(identity: row.string(at: 0)!, role: .admin) }.first
        }
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
        let row = Self.tokenRow
        return try db.withStatement("SELECT \(row.sql) FROM api_tokens ORDER BY id") { statement in
            try statement.mapRows { token in
                TokenInfo(
                    id: token.int64(at: row.id), name: token.string(at: row.name)!,
                    createdAt: Timestamp(milliseconds: token.int64(at: row.createdAt)), revokedAt: token.timestamp(at: row.revokedAt))
            }
        }
    }

    private static let tokenRow: (sql: String, id: Int, name: Int, createdAt: Int, revokedAt: Int) = {
        var list = SelectList()
        let id = list.column("id")
        let name = list.column("name")
        let createdAt = list.column("created_at")
        let revokedAt = list.column("revoked_at")
        return (list.sql, id, name, createdAt, revokedAt)
    }()

    /// Revokes the active token called `name`; returns its id, nil when there is none.
    func revoke(name: String, now: Timestamp, in db: Connection) throws -> Int64? {
        try db.withStatement("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING id") { statement in
            try statement.bind([.integer(now.milliseconds), .text(name)])
            return try statement.mapRows { $0.int64(at: 0) }.first
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
