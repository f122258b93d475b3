import SQLite

/// Appends cache purges to the outbox (`target_kind` `purge`), inside the transaction of the
/// write that made them necessary: one row per configured purge target, whose payload is the
/// touched keys separated by spaces. A rolled-back write purges nothing; a committed one is purged even if
/// the cache is down at the time (the delivery loop retries), and without the write waiting.
public struct CachePurges: Sendable {
    /// The ids of the targets configured now (`targetID(of:)`).
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

extension CachePurges {
    /// The `target_id` of the purge target called `name` (`PurgeTarget.name`: its kind and
    /// URL): the first 63 bits of the name's SHA-256, so the same target keeps its id across
    /// restarts without a table of targets, and outbox rows name the target they were for.
    public static func targetID(of name: String) -> Int64 {
        SHA256.hash(Array(name.utf8)).prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) } & Int64.max
    }
}

extension NewsDatabase {
    /// Gives up the pending purges of targets other than `targets` (the ones configured now):
    /// nothing would ever send them, and the backlog would only grow. Called at start.
    @discardableResult
    public func giveUpPurges(except targets: [Int64], at now: Timestamp = .now()) throws -> Int {
        try write { db in
            try db.withStatement(
                """
                UPDATE outbox SET state = 'failed', finished_at = ?1
                WHERE state = 'pending' AND target_kind = ?2 AND target_id NOT IN (SELECT value FROM json_each(?3))
                """
            ) { statement in
                try statement.bind([
                    .integer(now.milliseconds), .text(OutboxTarget.purge.rawValue),
                    .text("[" + targets.map(String.init).joined(separator: ",") + "]"),
                ])
                return try statement.executeUpdate()
            }
        }
    }
}
