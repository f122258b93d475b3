import SQLite

/// Appends cache purges to the outbox, inside the transaction of the write that made them
/// necessary: one row per configured purge target, whose payload is the touched keys
/// separated by spaces. A rolled-back write purges nothing; a committed one is purged even if
/// the cache is down at the time (the delivery loop retries), and without the write waiting.
public struct CachePurges: Sendable {
    /// The `purge_targets` ids of the targets configured now (`NewsDatabase.registerPurgeTargets`).
    public let targets: [Int64]

    public init(targets: [Int64]) {
        self.targets = targets
    }

    /// No cache in front: writes append nothing.
    public static let none = CachePurges(targets: [])

    /// The event type of purge rows.
    static let eventType = "cache.purge"

    /// Appends a purge of `keys` for every target; nothing when there are no keys or targets.
    func append(_ keys: [String], at now: Timestamp, in db: Connection) throws {
        guard !keys.isEmpty, !targets.isEmpty else { return }
        let payload = Array(keys.joined(separator: " ").utf8)
        let eventID = Outbox.newEventID()
        for target in targets {
            try db.withStatement(
                """
                INSERT INTO outbox (target_kind, target_id, event_id, event_type, payload, ordering_key, next_attempt_at, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                """
            ) { statement in
                try statement.bind([
                    .text(OutboxTarget.purge.rawValue), .integer(target), .text(eventID), .text(Self.eventType), .blob(payload),
                    .text(Self.eventType), .integer(now.milliseconds),
                ])
                try statement.executeUpdate()
            }
        }
    }
}

extension NewsDatabase {
    /// Registers the purge targets named `names` (each once; a known name keeps its id) and
    /// returns their ids in the same order. Pending purges of targets no longer configured
    /// are given up: nothing would ever send them, and the backlog would only grow.
    public func registerPurgeTargets(_ names: [String], at now: Timestamp = .now()) throws -> [Int64] {
        try write { db in
            var ids: [Int64] = []
            for name in names {
                try db.withStatement("INSERT INTO purge_targets (name) VALUES (?) ON CONFLICT (name) DO NOTHING") { statement in
                    try statement.bind(name, at: 1)
                    try statement.executeUpdate()
                }
                ids.append(
                    try db.withStatement("SELECT id FROM purge_targets WHERE name = ?") { statement in
                        try statement.bind(name, at: 1)
                        _ = try statement.step()
                        return statement.int64(at: 0)
                    })
            }
            let kept = ids.map(String.init).joined(separator: ",")
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'failed', finished_at = \(now.milliseconds)
                    WHERE state = 'pending' AND target_kind = '\(OutboxTarget.purge.rawValue)' AND target_id NOT IN (\(kept))
                    """)
            return ids
        }
    }
}
