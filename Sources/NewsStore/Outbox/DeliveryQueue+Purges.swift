import SQLite

/// The outbox's purge rows as the delivery loop sees them. The rows of one target that are due
/// together go out as one purge of all their keys (a burst of writes is one request to the
/// cache, not one each), and each row's latency, from its write's commit to the target's
/// acknowledgement, goes into the `PurgeLatency` histogram.
extension DeliveryQueue {
    /// The purge rows of one target due for an attempt, merged.
    public struct DuePurge: Sendable {
        public let targetID: Int64
        /// The outbox rows it settles.
        public let rows: [Int64]
        /// Every key of those rows, each once, in the order they were written.
        public let keys: [String]
        /// The most attempts any of the rows has had, which picks the next retry's delay.
        public let attempts: Int
        fileprivate let createdAt: [Timestamp]
    }

    /// Rows one purge settles at most; their keys go out in requests of the target's size.
    public static let purgeBatch = 200

    /// The due purges of `targets`, one per target that is not `busy` (being sent to).
    public func duePurges(targets: [Int64], excluding busy: Set<Int64>) throws -> [DuePurge] {
        let now = clock()
        return try database.read { db in
            var purges: [DuePurge] = []
            for target in targets where !busy.contains(target) {
                var rows: [Int64] = []
                var keys = KeySet()
                var attempts = 0
                var createdAt: [Timestamp] = []
                try db.withStatement(
                    """
                    SELECT id, payload, attempts, created_at FROM outbox
                    WHERE target_kind = ?1 AND target_id = ?2 AND state = 'pending' AND next_attempt_at <= ?3
                    ORDER BY id LIMIT ?4
                    """
                ) { statement in
                    try statement.bind([
                        .text(OutboxTarget.purge.rawValue), .integer(target), .integer(now.milliseconds), .integer(Int64(Self.purgeBatch)),
                    ])
                    try statement.forEachRow { row in
                        rows.append(row.int64(at: 0))
                        for key in String(decoding: row.blob(at: 1) ?? [], as: UTF8.self).split(separator: " ") { keys.insert(String(key)) }
                        attempts = max(attempts, row.int(at: 2))
                        createdAt.append(Timestamp(milliseconds: row.int64(at: 3)))
                    }
                }
                if !rows.isEmpty {
                    purges.append(DuePurge(targetID: target, rows: rows, keys: keys.keys, attempts: attempts, createdAt: createdAt))
                }
            }
            return purges
        }
    }

    /// The earliest pending purge attempt. Rows of targets no longer configured were given up
    /// when the server started (`giveUpPurges`), so every pending row is one to send.
    func nextPurge(in db: Connection) throws -> Timestamp? {
        try db.withStatement("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending' AND target_kind = ?") { statement in
            try statement.bind(OutboxTarget.purge.rawValue, at: 1)
            _ = try statement.step()
            return statement.timestamp(at: 0)
        }
    }

    /// Records an attempt of `purge` on each of its rows and moves them on together: delivered,
    /// retried at `retryAt`, or given up. Delivered rows add their latencies to `purgeLatency`
    /// once the record is committed.
    public func record(_ result: AttemptResult, of purge: DuePurge) throws {
        let finishedAt = result.finishedAt
        let (state, next) = result.rowState
        try database.write { db in
            for row in purge.rows {
                try db.withStatement(
                    """
                    INSERT INTO delivery_attempts (delivery_id, attempted_at, duration_ms, status, error, outcome)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
                ) { statement in
                    try statement.bind([
                        .integer(row), .integer(result.attemptedAt.milliseconds), .integer(result.duration.wholeMilliseconds),
                        result.status.map { .integer(Int64($0)) } ?? .null, result.error.map(SQLiteValue.text) ?? .null,
                        .text(result.outcome.rawValue),
                    ])
                    try statement.executeUpdate()
                }
                try db.withStatement(
                    """
                    UPDATE outbox SET state = ?1, attempts = attempts + 1, next_attempt_at = coalesce(?2, next_attempt_at),
                        finished_at = CASE WHEN ?1 = 'pending' THEN NULL ELSE ?3 END
                    WHERE id = ?4 AND state = 'pending'
                    """
                ) { statement in
                    try statement.bind([
                        .text(state.rawValue), next.map { .integer($0.milliseconds) } ?? .null, .integer(finishedAt.milliseconds), .integer(row),
                    ])
                    try statement.executeUpdate()
                }
            }
            try db.withStatement(
                """
                INSERT INTO delivery_counts (target_kind, outcome, count) VALUES (?1, ?2, ?3)
                ON CONFLICT (target_kind, outcome) DO UPDATE SET count = count + ?3
                """
            ) { statement in
                try statement.bind([.text(OutboxTarget.purge.rawValue), .text(result.outcome.rawValue), .integer(Int64(purge.rows.count))])
                try statement.executeUpdate()
            }
        }
        if result.outcome == .delivered {
            for createdAt in purge.createdAt { purgeLatency.record(milliseconds: max(0, finishedAt.milliseconds - createdAt.milliseconds)) }
        }
    }
}
