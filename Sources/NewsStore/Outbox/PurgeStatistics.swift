import SQLite

/// Figures for `/metrics` on cache purges: rows settled by outcome since the database was
/// made, and the backlog of purges waiting to be sent (their latency is `PurgeLatency`'s).
public struct PurgeStatistics: Sendable, Equatable {
    /// Purge rows (one per write and target) by what their last attempt came to.
    public let attempts: [DeliveryOutcome: Int]
    /// Pending purge rows (first attempts and retries).
    public let backlog: Int
}

extension NewsDatabase {
    public func purgeStatistics() throws -> PurgeStatistics {
        try read { db in
            var attempts = Dictionary(uniqueKeysWithValues: DeliveryOutcome.allCases.map { ($0, 0) })
            try db.withStatement("SELECT outcome, count FROM delivery_counts WHERE target_kind = ?") { statement in
                try statement.bind(OutboxTarget.purge.rawValue, at: 1)
                try statement.forEachRow { row in
                    if let outcome = row.string(at: 0).flatMap(DeliveryOutcome.init(rawValue:)) { attempts[outcome] = row.int(at: 1) }
                }
            }
            let backlog = try db.withStatement("SELECT count(*) FROM outbox WHERE state = 'pending' AND target_kind = ?") { statement in
                try statement.bind(OutboxTarget.purge.rawValue, at: 1)
                _ = try statement.step()
                return statement.int(at: 0)
            }
            return PurgeStatistics(attempts: attempts, backlog: backlog)
        }
    }
}
