/// What an outbox row is sent to: the `target_kind` column. Each kind names its targets its
/// own way (`target_id`) and has its own sender in the delivery loop.
enum OutboxTarget: String {
    /// A webhook subscription, POSTed to its URL (`webhook_subscriptions`).
    case webhook
    /// A cache to purge surrogate keys from, configured in the settings (`target_id` is
    /// `CachePurges.targetID(of:)` of its name); the payload is the keys.
    case purge
}
