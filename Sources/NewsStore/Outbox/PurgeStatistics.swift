import SQLite

/// Figures for `/metrics` on cache purges: rows settled by outcome since the database was
/// made, the backlog of purges waiting to be sent, and the latency histogram from a write's
/// commit to its purge's acknowledgement.
public struct PurgeStatistics: Sendable, Equatable {
    /// Purge rows (one per write and target) by what their last attempt came to.
    public let attempts: [DeliveryOutcome: Int]
    /// Pending purge rows (first attempts and retries).
    public let backlog: Int
    /// Delivered rows at most each bound (milliseconds; `Int64.max` is +Inf), cumulative.
    public let latencyBuckets: [(boundMilliseconds: Int64, count: Int)]
    public let latencyCount: Int
    public let latencySumSeconds: Double

    public static func == (lhs: PurgeStatistics, rhs: PurgeStatistics) -> Bool {
        lhs.attempts == rhs.attempts && lhs.backlog == rhs.backlog && lhs.latencyCount == rhs.latencyCount
            && lhs.latencySumSeconds == rhs.latencySumSeconds
            && lhs.latencyBuckets.map(\.boundMilliseconds) == rhs.latencyBuckets.map(\.boundMilliseconds)
            && lhs.latencyBuckets.map(\.count) == rhs.latencyBuckets.map(\.count)
    }
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
            var counts: [Int64: Int] = [:]
            var sum: Int64 = 0
            try db.withStatement("SELECT le_ms, count, sum_ms FROM purge_latency") { statement in
                try statement.forEachRow { row in
                    counts[row.int64(at: 0)] = row.int(at: 1)
                    sum += row.int64(at: 2)
                }
            }
            var running = 0
            let buckets = DeliveryQueue.purgeLatencyBounds.map { bound in
                running += counts[bound] ?? 0
                return (boundMilliseconds: bound, count: running)
            }
            return PurgeStatistics(
                attempts: attempts, backlog: backlog, latencyBuckets: buckets, latencyCount: running, latencySumSeconds: Double(sum) / 1000)
        }
    }
}
