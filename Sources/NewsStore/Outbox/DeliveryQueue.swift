import SQLite

/// The outbox as the delivery loop sees it: the rows due for an attempt, what each attempt
/// came to, and the scheduled articles whose publication must be announced when their time
/// comes. Every state change is one write transaction, so a restart (or a kill) resumes from
/// what was last committed: an attempt cut short is made again, with the same `webhook-id`.
public final class DeliveryQueue: Sendable {
    let database: NewsDatabase
    private let events: ArticleEvents
    let clock: @Sendable () -> Timestamp
    /// Where delivered purges' latencies go, for `/metrics`.
    let purgeLatency: PurgeLatency
    private let webhooks = WebhookRepository()

    /// Finished deliveries (and their attempts) are deleted after this long.
    public static let retention: Duration = .seconds(30 * 24 * 3600)

    public init(
        database: NewsDatabase, events: ArticleEvents, purgeLatency: PurgeLatency = PurgeLatency(),
        clock: @escaping @Sendable () -> Timestamp = Timestamp.now
    ) {
        self.database = database
        self.events = events
        self.purgeLatency = purgeLatency
        self.clock = clock
    }

    /// A webhook delivery due for an attempt, with what sending it needs.
    public struct DueDelivery: Sendable {
        public let id: Int64
        public let subscriptionID: Int64
        public let url: String
        /// The `webhook-id` header.
        public let eventID: String
        public let eventType: String
        public let payload: [UInt8]
        /// Attempts already made since it was queued.
        public let attempts: Int
        /// Newest first: the current secret, then a rotated-out one while it still signs.
        public internal(set) var secrets: [WebhookSecret]
    }

    /// What one attempt came to, as the loop decided it.
    public struct AttemptResult: Sendable {
        public let attemptedAt: Timestamp
        public let duration: Duration
        public let status: Int?
        public let error: String?
        public let outcome: DeliveryOutcome
        /// When to try again, for `.retry`.
        public let retryAt: Timestamp?

        public init(attemptedAt: Timestamp, duration: Duration, status: Int?, error: String?, outcome: DeliveryOutcome, retryAt: Timestamp?) {
            self.attemptedAt = attemptedAt
            self.duration = duration
            self.status = status
            self.error = error
            self.outcome = outcome
            self.retryAt = retryAt
        }

        public var finishedAt: Timestamp { attemptedAt + duration }

        /// The state the attempted outbox rows move to, and when they are next due.
        var rowState: (state: WebhookDelivery.State, dueAt: Timestamp?) {
            switch outcome {
            case .delivered: (.delivered, nil)
            case .retry: (.pending, retryAt ?? finishedAt)
            case .failed, .gone: (.failed, nil)
            }
        }
    }

    /// Appends article.published for scheduled articles whose time has come; returns how many.
    /// Reads first, so an idle tick writes nothing.
    @discardableResult
    public func announceDueArticles() throws -> Int {
        let now = clock()
        guard try database.read({ db in try events.hasDueAnnouncement(at: now, in: db) }) else { return 0 }
        return try database.write { db in try events.announceDue(at: now, in: db) }
    }

    private static let dueRow: (sql: String, id: Int, target: Int, url: Int, eventID: Int, type: Int, payload: Int, attempts: Int) = {
        var list = SelectList()
        let id = list.column("o.id")
        let target = list.column("o.target_id")
        let url = list.column("s.url")
        let eventID = list.column("o.event_id")
        let type = list.column("o.event_type")
        let payload = list.column("o.payload")
        let attempts = list.column("o.attempts")
        return (list.sql, id, target, url, eventID, type, payload, attempts)
    }()

    /// Up to `limit` deliveries due now, at most one per subscription and none for a
    /// subscription in `busy` (one already being sent to), oldest due first. A row waits while
    /// an earlier row of its subscription and article is pending, so each receiver hears of an
    /// article's events in the order they happened.
    public func dueDeliveries(limit: Int, excludingSubscriptions busy: Set<Int64>) throws -> [DueDelivery] {
        let now = clock()
        let row = Self.dueRow
        return try database.read { db in
            var chosen: [DueDelivery] = []
            var subscriptions = busy
            try db.withStatement(
                """
                SELECT \(row.sql) FROM outbox o CROSS JOIN webhook_subscriptions s ON s.id = o.target_id
                WHERE o.state = 'pending' AND o.next_attempt_at <= ?1 AND o.target_kind = ?2 AND s.active = 1
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox p
                      WHERE p.state = 'pending' AND p.target_kind = o.target_kind AND p.target_id = o.target_id
                        AND p.ordering_key = o.ordering_key AND p.id < o.id)
                ORDER BY o.next_attempt_at, o.id
                """
            ) { statement in
                try statement.bind([.integer(now.milliseconds), .text(OutboxTarget.webhook.rawValue)])
                while chosen.count < limit, try statement.step() {
                    let subscription = statement.int64(at: row.target)
                    guard subscriptions.insert(subscription).inserted else { continue }
                    chosen.append(
                        DueDelivery(
                            id: statement.int64(at: row.id), subscriptionID: subscription, url: statement.string(at: row.url)!,
                            eventID: statement.string(at: row.eventID)!, eventType: statement.string(at: row.type)!,
                            payload: statement.blob(at: row.payload) ?? [], attempts: statement.int(at: row.attempts), secrets: []))
                }
            }
            for index in chosen.indices {
                chosen[index].secrets = try webhooks.signingSecrets(of: chosen[index].subscriptionID, at: now, in: db)
            }
            return chosen
        }
    }

    /// When the loop next has something to do: the earliest pending attempt of an active
    /// subscription or of a purge, or the next scheduled article's publication; nil when none
    /// exists.
    public func nextWakeTime() throws -> Timestamp? {
        try database.read { db in
            let attempt = try db.withStatement(
                """
                SELECT min(o.next_attempt_at) FROM outbox o CROSS JOIN webhook_subscriptions s ON s.id = o.target_id
                WHERE o.state = 'pending' AND o.target_kind = ? AND s.active = 1
                """
            ) { statement in
                try statement.bind(OutboxTarget.webhook.rawValue, at: 1)
                _ = try statement.step()
                return statement.timestamp(at: 0)
            }
            let announcement = try events.nextAnnouncement(in: db)
            return [attempt, announcement, try nextPurge(in: db)].compactMap { $0 }.min()
        }
    }

    /// Records an attempt and moves its delivery on: delivered, retried at `retryAt`, or given
    /// up; `.gone` also turns the subscription off and gives up its other pending deliveries.
    /// A delivery deleted meanwhile (its subscription was) is left alone.
    public func record(_ result: AttemptResult, of delivery: DueDelivery) throws {
        try database.write { db in
            guard try db.exists("SELECT 1 FROM outbox WHERE id = ?", [.integer(delivery.id)]) else { return }
            try db.withStatement(
                """
                INSERT INTO delivery_attempts (delivery_id, attempted_at, duration_ms, status, error, outcome)
                VALUES (?, ?, ?, ?, ?, ?)
                """
            ) { statement in
                try statement.bind([
                    .integer(delivery.id), .integer(result.attemptedAt.milliseconds),
                    .integer(result.duration.wholeMilliseconds),
                    result.status.map { .integer(Int64($0)) } ?? .null, result.error.map(SQLiteValue.text) ?? .null,
                    .text(result.outcome.rawValue),
                ])
                try statement.executeUpdate()
            }
            let finishedAt = result.finishedAt
            let (state, next) = result.rowState
            try db.withStatement(
                """
                UPDATE outbox SET state = ?1, attempts = attempts + 1, next_attempt_at = coalesce(?2, next_attempt_at),
                    finished_at = CASE WHEN ?1 = 'pending' THEN NULL ELSE ?3 END
                WHERE id = ?4
                """
            ) { statement in
                try statement.bind([
                    .text(state.rawValue), next.map { .integer($0.milliseconds) } ?? .null, .integer(finishedAt.milliseconds),
                    .integer(delivery.id),
                ])
                try statement.executeUpdate()
            }
            try db.withStatement(
                """
                INSERT INTO delivery_counts (target_kind, outcome, count) VALUES (?1, ?2, 1)
                ON CONFLICT (target_kind, outcome) DO UPDATE SET count = count + 1
                """
            ) { statement in
                try statement.bind([.text(OutboxTarget.webhook.rawValue), .text(result.outcome.rawValue)])
                try statement.executeUpdate()
            }
            if result.outcome == .gone, var subscription = try webhooks.subscription(id: delivery.subscriptionID, in: db) {
                subscription.active = false
                subscription.disabledReason = WebhookSubscription.goneReason
                try webhooks.update(subscription, now: finishedAt, in: db)
                try webhooks.failPending(of: delivery.subscriptionID, now: finishedAt, in: db)
                try AuditLog().record(
                    "webhook.disable", object: "webhook:\(subscription.id)", summary: WebhookSubscription.goneReason, by: .system,
                    at: finishedAt, in: db)
            }
        }
    }

    /// Deletes deliveries finished more than `retention` ago, with their attempts; returns how many.
    @discardableResult
    public func pruneFinished() throws -> Int {
        let cutoff = clock() + (.zero - Self.retention)
        return try database.write { db in
            try db.withStatement("DELETE FROM outbox WHERE finished_at < ?") { statement in
                try statement.bind(cutoff.milliseconds, at: 1)
                return try statement.executeUpdate()
            }
        }
    }
}
