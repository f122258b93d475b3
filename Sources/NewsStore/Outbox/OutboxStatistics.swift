import SQLite

/// Figures for `/metrics`: attempts by outcome since the database was made, and the backlog
/// of deliveries waiting for an attempt.
public struct OutboxStatistics: Sendable, Equatable {
    /// Webhook delivery attempts by what they came to.
    public let attempts: [DeliveryOutcome: Int]
    /// Pending deliveries (first attempts and retries).
    public let backlog: Int
    /// How long the oldest pending delivery has waited since its event, in seconds; 0 without one.
    public let oldestPendingSeconds: Double
}

extension NewsDatabase {
    public func outboxStatistics(at now: Timestamp = .now()) throws -> OutboxStatistics {
        try read { db in
            var attempts = Dictionary(uniqueKeysWithValues: DeliveryOutcome.allCases.map { ($0, 0) })
            try db.withStatement("SELECT outcome, count FROM delivery_counts WHERE target_kind = ?") { statement in
                try statement.bind(OutboxTarget.webhook.rawValue, at: 1)
                try statement.forEachRow { row in
                    if let outcome = row.string(at: 0).flatMap(DeliveryOutcome.init(rawValue:)) { attempts[outcome] = row.int(at: 1) }
                }
            }
            return try db.withStatement("SELECT count(*), min(created_at) FROM outbox WHERE state = 'pending'") { statement in
                _ = try statement.step()
                let oldest = statement.timestamp(at: 1)
                return OutboxStatistics(
                    attempts: attempts, backlog: statement.int(at: 0),
                    oldestPendingSeconds: oldest.map { Double(max(0, now.milliseconds - $0.milliseconds)) / 1000 } ?? 0)
            }
        }
    }
}
