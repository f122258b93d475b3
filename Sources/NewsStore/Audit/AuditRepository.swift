import SQLite

/// The audit log's reads and its one removal, in SQL. Rows are appended by `AuditLog`.
struct AuditRepository {
    /// Rows matching `query`'s filters with an id below `before`, newest first, at most `limit`.
    func entries(_ query: AuditQuery, before: Int64?, limit: Int, in db: Connection) throws -> [AuditEntry] {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        for (column, value) in [("identity", query.identity), ("action", query.action), ("object", query.object)] {
            if let value {
                conditions.append("\(column) = ?")
                values.append(.text(value))
            }
        }
        if let since = query.since {
            conditions.append("at >= ?")
            values.append(.integer(since.milliseconds))
        }
        if let until = query.until {
            conditions.append("at < ?")
            values.append(.integer(until.milliseconds))
        }
        if let before {
            conditions.append("id < ?")
            values.append(.integer(before))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        values.append(.integer(Int64(limit)))
        let row = Self.entryRow
        // At most 2^6 different texts, one cached statement each.
        return try db.withStatement("SELECT \(row.sql) FROM audit_log \(filter) ORDER BY id DESC LIMIT ?") { statement in
            try statement.bind(values)
            return try statement.mapRows { entry in
                AuditEntry(
                    id: entry.int64(at: row.id), at: Timestamp(milliseconds: entry.int64(at: row.at)), identity: entry.string(at: row.identity)!,
                    role: entry.string(at: row.role)!, clientAddress: entry.string(at: row.clientAddress)!,
                    requestID: entry.string(at: row.requestID)!, action: entry.string(at: row.action)!, object: entry.string(at: row.object)!,
                    summary: entry.string(at: row.summary)!)
            }
        }
    }

    private static let entryRow:
        (
            sql: String, id: Int, at: Int, identity: Int, role: Int, clientAddress: Int, requestID: Int, action: Int, object: Int,
            summary: Int
        ) = {
            var list = SelectList()
            let id = list.column("id")
            let at = list.column("at")
            let identity = list.column("identity")
            let role = list.column("role")
            let clientAddress = list.column("client_address")
            let requestID = list.column("request_id")
            let action = list.column("action")
            let object = list.column("object")
            let summary = list.column("summary")
            return (list.sql, id, at, identity, role, clientAddress, requestID, action, object, summary)
        }()

    /// Records a retention bound in `audit_prunes`: the delete trigger lets rows older than it go.
    func recordBound(before: Timestamp, identity: String, now: Timestamp, in db: Connection) throws -> Int64 {
        try db.withStatement("INSERT INTO audit_prunes (before, at, identity) VALUES (?, ?, ?)") { statement in
            try statement.bind([.integer(before.milliseconds), .integer(now.milliseconds), .text(identity)])
            try statement.executeUpdate()
            return db.lastInsertRowID
        }
    }

    /// How many rows are older than `before`.
    func count(before: Timestamp, in db: Connection) throws -> Int {
        try db.withStatement("SELECT count(*) FROM audit_log WHERE at < ?") { statement in
            try statement.bind([.integer(before.milliseconds)])
            return try statement.mapRows { $0.int(at: 0) }.first ?? 0
        }
    }

    /// Removes at most `limit` rows older than `before` (a recorded bound); returns how many.
    func deleteBatch(before: Timestamp, limit: Int, in db: Connection) throws -> Int {
        try db.withStatement("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? LIMIT ?)") { statement in
            try statement.bind([.integer(before.milliseconds), .integer(Int64(limit))])
            return try statement.executeUpdate()
        }
    }
}
