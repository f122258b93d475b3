import JSON
import SQLite

/// Webhook subscriptions and their deliveries (outbox rows of kind `webhook`) in SQLite.
struct WebhookRepository {
    private static let target = OutboxTarget.webhook.rawValue

    /// The active subscriptions that want `type`.
    func subscribers(to type: EventType, in db: Connection) throws -> [Int64] {
        try db.withStatement(
            """
            SELECT s.id FROM webhook_subscriptions s
            WHERE s.active = 1 AND EXISTS (SELECT 1 FROM json_each(s.events_json) e WHERE e.value = ?)
            ORDER BY s.id
            """
        ) { statement in
            try statement.bind(type.rawValue, at: 1)
            return try statement.mapRows { $0.int64(at: 0) }
        }
    }

    // MARK: Subscriptions

    private struct SubscriptionColumns {
        let id: Int
        let url: Int
        let events: Int
        let description: Int
        let active: Int
        let disabledReason: Int
        let previousExpiresAt: Int
        let createdAt: Int
        let updatedAt: Int

        init(_ list: inout SelectList) {
            id = list.column("id")
            url = list.column("url")
            events = list.column("events_json")
            description = list.column("description")
            active = list.column("active")
            disabledReason = list.column("disabled_reason")
            previousExpiresAt = list.column("previous_secret_expires_at")
            createdAt = list.column("created_at")
            updatedAt = list.column("updated_at")
        }

        func read(_ row: Statement) -> WebhookSubscription {
            WebhookSubscription(
                id: row.int64(at: id), url: row.string(at: url)!, events: WebhookRepository.events(fromJSON: row.blob(at: events) ?? []),
                description: row.string(at: description), active: row.bool(at: active), disabledReason: row.string(at: disabledReason),
                previousSecretExpiresAt: row.timestamp(at: previousExpiresAt), createdAt: Timestamp(milliseconds: row.int64(at: createdAt)),
                updatedAt: Timestamp(milliseconds: row.int64(at: updatedAt)))
        }
    }

    private static let subscriptionRow: (sql: String, columns: SubscriptionColumns) = {
        var list = SelectList()
        let columns = SubscriptionColumns(&list)
        return (list.sql, columns)
    }()

    func subscriptions(in db: Connection) throws -> [WebhookSubscription] {
        let row = Self.subscriptionRow
        return try db.withStatement("SELECT \(row.sql) FROM webhook_subscriptions ORDER BY id") { statement in
            try statement.mapRows(row.columns.read)
        }
    }

    func subscription(id: Int64, in db: Connection) throws -> WebhookSubscription? {
        let row = Self.subscriptionRow
        return try db.withStatement("SELECT \(row.sql) FROM webhook_subscriptions WHERE id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.step() ? row.columns.read(statement) : nil
        }
    }

    func count(in db: Connection) throws -> Int {
        try db.withStatement("SELECT count(*) FROM webhook_subscriptions") { statement in
            _ = try statement.step()
            return statement.int(at: 0)
        }
    }

    func insert(url: String, events: [EventType], description: String?, secret: WebhookSecret, now: Timestamp, in db: Connection) throws -> Int64 {
        try db.withStatement(
            """
            INSERT INTO webhook_subscriptions (url, events_json, description, secret, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?5)
            """
        ) { statement in
            try statement.bind([
                .text(url), .text(Self.json(events)), description.map(SQLiteValue.text) ?? .null, .text(secret.text),
                .integer(now.milliseconds),
            ])
            try statement.executeUpdate()
            return db.lastInsertRowID
        }
    }

    /// Writes the editable members of `subscription`.
    func update(_ subscription: WebhookSubscription, now: Timestamp, in db: Connection) throws {
        try db.withStatement(
            """
            UPDATE webhook_subscriptions SET url = ?1, events_json = ?2, description = ?3, active = ?4, disabled_reason = ?5,
                updated_at = ?6
            WHERE id = ?7
            """
        ) { statement in
            try statement.bind([
                .text(subscription.url), .text(Self.json(subscription.events)), subscription.description.map(SQLiteValue.text) ?? .null,
                .integer(subscription.active ? 1 : 0), subscription.disabledReason.map(SQLiteValue.text) ?? .null,
                .integer(now.milliseconds), .integer(subscription.id),
            ])
            try statement.executeUpdate()
        }
    }

    /// Makes `secret` the current one; the current one signs beside it until `previousExpiresAt`.
    func rotate(id: Int64, to secret: WebhookSecret, previousExpiresAt: Timestamp, now: Timestamp, in db: Connection) throws {
        try db.withStatement(
            """
            UPDATE webhook_subscriptions SET previous_secret = secret, previous_secret_expires_at = ?1, secret = ?2, updated_at = ?3
            WHERE id = ?4
            """
        ) { statement in
            try statement.bind([.integer(previousExpiresAt.milliseconds), .text(secret.text), .integer(now.milliseconds), .integer(id)])
            try statement.executeUpdate()
        }
    }

    /// The secrets that sign at `now`: the current one, then the previous one while it lasts.
    func signingSecrets(of id: Int64, at now: Timestamp, in db: Connection) throws -> [WebhookSecret] {
        try db.withStatement(
            "SELECT secret, CASE WHEN previous_secret_expires_at > ?2 THEN previous_secret END FROM webhook_subscriptions WHERE id = ?1"
        ) { statement in
            try statement.bind([.integer(id), .integer(now.milliseconds)])
            guard try statement.step() else { return [] }
            return [statement.string(at: 0), statement.string(at: 1)].compactMap { $0.flatMap(WebhookSecret.init) }
        }
    }

    /// Deletes the subscription and its deliveries (their attempts go with them).
    func delete(id: Int64, in db: Connection) throws -> Bool {
        try db.withStatement("DELETE FROM outbox WHERE target_kind = ? AND target_id = ?") { statement in
            try statement.bind([.text(Self.target), .integer(id)])
            try statement.executeUpdate()
        }
        return try db.withStatement("DELETE FROM webhook_subscriptions WHERE id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.executeUpdate() > 0
        }
    }

    /// Gives up the subscription's pending deliveries, when it is turned off.
    func failPending(of id: Int64, now: Timestamp, in db: Connection) throws {
        try db.withStatement(
            "UPDATE outbox SET state = 'failed', finished_at = ?1 WHERE state = 'pending' AND target_kind = ?2 AND target_id = ?3"
        ) { statement in
            try statement.bind([.integer(now.milliseconds), .text(Self.target), .integer(id)])
            try statement.executeUpdate()
        }
    }

    // MARK: Deliveries

    private struct DeliveryColumns {
        let id: Int
        let eventID: Int
        let eventType: Int
        let payload: Int
        let state: Int
        let nextAttemptAt: Int
        let createdAt: Int
        let finishedAt: Int

        init(_ list: inout SelectList) {
            id = list.column("o.id")
            eventID = list.column("o.event_id")
            eventType = list.column("o.event_type")
            payload = list.column("o.payload")
            state = list.column("o.state")
            nextAttemptAt = list.column("o.next_attempt_at")
            createdAt = list.column("o.created_at")
            finishedAt = list.column("o.finished_at")
        }

        func read(_ row: Statement) -> WebhookDelivery {
            let state = row.string(at: state).flatMap(WebhookDelivery.State.init(rawValue:)) ?? .failed
            return WebhookDelivery(
                id: row.int64(at: id), eventID: row.string(at: eventID)!,
                eventType: row.string(at: eventType)!, payload: row.blob(at: payload) ?? [], state: state,
                nextAttemptAt: state == .pending ? row.timestamp(at: nextAttemptAt) : nil,
                createdAt: Timestamp(milliseconds: row.int64(at: createdAt)), finishedAt: row.timestamp(at: finishedAt), attempts: [])
        }
    }

    private static let deliveryRow: (sql: String, columns: DeliveryColumns) = {
        var list = SelectList()
        let columns = DeliveryColumns(&list)
        return (list.sql, columns)
    }()

    /// Up to `limit` deliveries of the subscription, newest first, with ids below `before`.
    func deliveries(of subscriptionID: Int64, before: Int64?, limit: Int, in db: Connection) throws -> [WebhookDelivery] {
        let row = Self.deliveryRow
        var deliveries = try db.withStatement(
            """
            SELECT \(row.sql) FROM outbox o WHERE o.target_kind = ?1 AND o.target_id = ?2 AND o.id < ?3
            ORDER BY o.id DESC LIMIT ?4
            """
        ) { statement in
            try statement.bind([.text(Self.target), .integer(subscriptionID), .integer(before ?? Int64.max), .integer(Int64(limit))])
            return try statement.mapRows(row.columns.read)
        }
        for index in deliveries.indices {
            deliveries[index].attempts = try attempts(of: deliveries[index].id, in: db)
        }
        return deliveries
    }

    func delivery(id: Int64, of subscriptionID: Int64, in db: Connection) throws -> WebhookDelivery? {
        let row = Self.deliveryRow
        let found = try db.withStatement("SELECT \(row.sql) FROM outbox o WHERE o.id = ?1 AND o.target_kind = ?2 AND o.target_id = ?3") {
            statement in
            try statement.bind([.integer(id), .text(Self.target), .integer(subscriptionID)])
            return try statement.step() ? row.columns.read(statement) : nil
        }
        guard var delivery = found else { return nil }
        delivery.attempts = try attempts(of: id, in: db)
        return delivery
    }

    private static let attemptRow: (sql: String, at: Int, duration: Int, status: Int, error: Int, outcome: Int) = {
        var list = SelectList()
        let at = list.column("attempted_at")
        let duration = list.column("duration_ms")
        let status = list.column("status")
        let error = list.column("error")
        let outcome = list.column("outcome")
        return (list.sql, at, duration, status, error, outcome)
    }()

    private func attempts(of deliveryID: Int64, in db: Connection) throws -> [WebhookDelivery.Attempt] {
        let row = Self.attemptRow
        return try db.withStatement("SELECT \(row.sql) FROM delivery_attempts WHERE delivery_id = ? ORDER BY id") { statement in
            try statement.bind(deliveryID, at: 1)
            return try statement.mapRows { attempt in
                WebhookDelivery.Attempt(
                    attemptedAt: Timestamp(milliseconds: attempt.int64(at: row.at)), durationMilliseconds: attempt.int64(at: row.duration),
                    status: attempt.isNull(at: row.status) ? nil : attempt.int(at: row.status), error: attempt.string(at: row.error),
                    outcome: attempt.string(at: row.outcome).flatMap(DeliveryOutcome.init(rawValue:)) ?? .failed)
            }
        }
    }

    /// Queues the delivery again from the start of the retry schedule, now.
    func requeue(id: Int64, now: Timestamp, in db: Connection) throws {
        try db.withStatement("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?1, finished_at = NULL WHERE id = ?2") {
            statement in
            try statement.bind([.integer(now.milliseconds), .integer(id)])
            try statement.executeUpdate()
        }
    }

    // MARK: Stored event lists

    static func json(_ events: [EventType]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for event in events { writer.string(event.rawValue) }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The stored list; names this build does not know (written by a newer one) are skipped.
    static func events(fromJSON json: [UInt8]) -> [EventType] {
        guard case .array(let names)? = try? JSONParser.parse(json) else { return [] }
        return names.compactMap { $0.stringValue.flatMap(EventType.init(rawValue:)) }
    }
}
