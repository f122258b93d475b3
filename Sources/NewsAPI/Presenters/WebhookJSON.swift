import JSON
import NewsStore

/// Writes webhook subscriptions and their deliveries as the API's JSON.
enum WebhookJSON {
    /// A subscription; with `secret` only when it was just made or rotated.
    static func subscription(_ subscription: WebhookSubscription, secret: String? = nil) -> [UInt8] {
        var writer = JSONWriter()
        write(subscription, secret: secret, to: &writer)
        return writer.bytes
    }

    static func list(_ subscriptions: [WebhookSubscription]) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for subscription in subscriptions { write(subscription, secret: nil, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private static func write(_ subscription: WebhookSubscription, secret: String?, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", subscription.id)
        writer.member("url", subscription.url)
        writer.member("events", JSONValue.array(subscription.events.map { .string($0.rawValue) }))
        writer.member("description", subscription.description)
        writer.member("active", subscription.active)
        writer.member("disabled_reason", subscription.disabledReason)
        writer.member("previous_secret_expires_at", subscription.previousSecretExpiresAt)
        writer.member("created_at", subscription.createdAt)
        writer.member("updated_at", subscription.updatedAt)
        if let secret { writer.member("secret", secret) }
        writer.endObject()
    }

    static func deliveries(_ page: WebhookDeliveryPage) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024 + page.items.count * 2048)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for delivery in page.items { write(delivery, to: &writer) }
        writer.endArray()
        writer.member("next_cursor", page.nextCursor)
        writer.endObject()
        return writer.bytes
    }

    static func delivery(_ delivery: WebhookDelivery) -> [UInt8] {
        var writer = JSONWriter()
        write(delivery, to: &writer)
        return writer.bytes
    }

    private static func write(_ delivery: WebhookDelivery, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", delivery.id)
        writer.member("webhook_id", delivery.eventID)
        writer.member("event_type", delivery.eventType)
        writer.member("state", delivery.state.rawValue)
        writer.member("next_attempt_at", delivery.nextAttemptAt)
        writer.member("created_at", delivery.createdAt)
        writer.member("finished_at", delivery.finishedAt)
        writer.key("attempts")
        writer.beginArray()
        for attempt in delivery.attempts {
            writer.beginObject()
            writer.member("attempted_at", attempt.attemptedAt)
            writer.member("status", attempt.status)
            writer.member("duration_ms", attempt.durationMilliseconds)
            writer.member("error", attempt.error)
            writer.member("outcome", attempt.outcome.rawValue)
            writer.endObject()
        }
        writer.endArray()
        // The stored payload is JSON this server wrote: sent on as it is.
        writer.rawMember("payload", delivery.payload)
        writer.endObject()
    }
}
