import SQLite

/// API tokens in SQLite. Only SHA-256 hashes are stored.
struct TokenRepository {
    /// A token that is not revoked, found by its hash, with what authentication needs.
    struct ActiveToken {
        let id: Int64
        let holder: TokenHolder
        let expiresAt: Timestamp?
        let lastUsedAt: Timestamp?
    }

    func active(hash: String, in db: Connection) throws -> ActiveToken? {
        try db.withStatement(
            "SELECT id, name, role, expires_at, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL"
        ) { statement in
            try statement.bind([.text(hash)])
            return try statement.mapRows { row in
                ActiveToken(
                    id: row.int64(at: 0), holder: TokenHolder(identity: row.string(at: 1)!, role: row.role(at: 2)),
                    expiresAt: row.timestamp(at: 3), lastUsedAt: row.timestamp(at: 4))
            }.first
        }
    }

    /// Records a use at `now`, unless one after `since` is already recorded.
    func recordUse(id: Int64, at now: Timestamp, unlessUsedSince since: Timestamp, in db: Connection) throws {
        try db.withStatement("UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR last_used_at <= ?3)") {
            statement in
            try statement.bind([.integer(now.milliseconds), .integer(id), .integer(since.milliseconds)])
            try statement.executeUpdate()
        }
    }

    func insert(name: String, hash: String, role: Role, expiresAt: Timestamp?, now: Timestamp, in db: Connection) throws -> Int64 {
        try db.withStatement("INSERT INTO api_tokens (name, token_hash, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)") { statement in
            try statement.bind([
                .text(name), .text(hash), .text(role.rawValue), .integer(now.milliseconds), expiresAt.map { .integer($0.milliseconds) } ?? .null,
            ])
            try statement.executeUpdate()
            return db.lastInsertRowID
        }
    }

    /// Whether a token not revoked has this name: a person holds one token at a time.
    func nameTaken(_ name: String, in db: Connection) throws -> Bool {
        try db.exists("SELECT 1 FROM api_tokens WHERE name = ? AND revoked_at IS NULL", [.text(name)])
    }

    func list(in db: Connection) throws -> [TokenInfo] {
        try db.withStatement("SELECT \(Self.tokenRow.sql) FROM api_tokens ORDER BY id") { statement in
            try statement.mapRows(Self.tokenRow.read)
        }
    }

    func token(id: Int64, in db: Connection) throws -> TokenInfo? {
        try db.withStatement("SELECT \(Self.tokenRow.sql) FROM api_tokens WHERE id = ?") { statement in
            try statement.bind([.integer(id)])
            return try statement.mapRows(Self.tokenRow.read).first
        }
    }

    /// The token not revoked called `name`.
    func activeToken(named name: String, in db: Connection) throws -> TokenInfo? {
        try db.withStatement("SELECT \(Self.tokenRow.sql) FROM api_tokens WHERE name = ? AND revoked_at IS NULL") { statement in
            try statement.bind([.text(name)])
            return try statement.mapRows(Self.tokenRow.read).first
        }
    }

    private struct TokenRow {
        var sql = ""
        var id = 0
        var name = 0
        var role = 0
        var createdAt = 0
        var expiresAt = 0
        var lastUsedAt = 0
        var revokedAt = 0

        func read(_ row: Statement) -> TokenInfo {
            TokenInfo(
                id: row.int64(at: id), name: row.string(at: name)!, role: row.role(at: role),
                createdAt: Timestamp(milliseconds: row.int64(at: createdAt)), expiresAt: row.timestamp(at: expiresAt),
                lastUsedAt: row.timestamp(at: lastUsedAt), revokedAt: row.timestamp(at: revokedAt))
        }
    }

    private static let tokenRow: TokenRow = {
        var list = SelectList()
        var row = TokenRow()
        row.id = list.column("id")
        row.name = list.column("name")
        row.role = list.column("role")
        row.createdAt = list.column("created_at")
        row.expiresAt = list.column("expires_at")
        row.lastUsedAt = list.column("last_used_at")
        row.revokedAt = list.column("revoked_at")
        row.sql = list.sql
        return row
    }()

    /// Revokes the token `id` unless it is revoked already; false when there was none to revoke.
    func revoke(id: Int64, now: Timestamp, in db: Connection) throws -> Bool {
        try db.withStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL") { statement in
            try statement.bind([.integer(now.milliseconds), .integer(id)])
            return try statement.executeUpdate() > 0
        }
    }
}

extension Statement {
    /// The role stored in column `index`; the table's CHECK admits only known roles.
    fileprivate func role(at index: Int) -> Role {
        string(at: index).flatMap(Role.init(rawValue:)) ?? .contributor
    }
}

/// A token as `token list` and `GET /api/v1/tokens` show it: never the token itself.
public struct TokenInfo: Sendable, Equatable {
    public let id: Int64
    /// The person it belongs to: articles it creates are theirs.
    public let name: String
    public let role: Role
    public let createdAt: Timestamp
    /// When it stops working; nil for never.
    public let expiresAt: Timestamp?
    /// Its last use, recorded to the minute; nil when never used.
    public let lastUsedAt: Timestamp?
    public let revokedAt: Timestamp?

    /// Whether it is expired at `now`.
    public func isExpired(at now: Timestamp) -> Bool {
        expiresAt.map { $0 <= now } ?? false
    }
}
