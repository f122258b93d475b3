import JSON
import SQLite

/// Appends events to the outbox table, inside the transaction of the write that caused them:
/// one row per target that wants the event, so a rolled-back write leaves nothing to send and
/// the delivery loop finds everything a committed one announced.
struct Outbox {
    /// Appends `type` with `data` (the members of the payload's `data` object, written on
    /// demand: nothing is read or rendered when no target wants the event) for every active webhook
    /// subscription that names it. Rows sharing `orderingKey` reach each target in order.
    /// Returns how many rows were appended.
    @discardableResult
    func append(
        _ type: EventType, orderingKey: String, at now: Timestamp, in db: Connection, data: (inout JSONWriter) throws -> Void
    ) throws -> Int {
        let subscriptions = try WebhookRepository().subscribers(to: type, in: db)
        guard !subscriptions.isEmpty else { return 0 }
        let payload = try Self.payload(type, at: now, data: data)
        let eventID = Self.newEventID()
        for subscription in subscriptions {
            try db.withStatement(
                """
                INSERT INTO outbox (target_kind, target_id, event_id, event_type, payload, ordering_key, next_attempt_at, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                """
            ) { statement in
                try statement.bind([
                    .text(OutboxTarget.webhook.rawValue), .integer(subscription), .text(eventID), .text(type.rawValue),
                    .blob(payload), .text(orderingKey), .integer(now.milliseconds),
                ])
                try statement.executeUpdate()
            }
        }
        return subscriptions.count
    }

    /// `{"type", "timestamp", "data": {…}}`, the Standard Webhooks payload.
    static func payload(_ type: EventType, at time: Timestamp, data: (inout JSONWriter) throws -> Void) rethrows -> [UInt8] {
        var writer = JSONWriter(capacity: 2048)
        writer.beginObject()
        writer.member("type", type.rawValue)
        writer.member("timestamp", time)
        writer.key("data")
        writer.beginObject()
        try data(&writer)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    /// `msg_` and 128 random bits: the event's `webhook-id`, which receivers use to notice a
    /// delivery they already have.
    static func newEventID() -> String {
        "msg_" + Base64URL.encode(SecureRandom.bytes(count: 16))
    }
}
