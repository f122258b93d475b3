import HTTP
import JSON
import NewsStore

/// Sends one purge to one target, in as many requests as its key limit needs, and says what
/// it came to: delivered when every request was answered 2xx; otherwise retried from the
/// first request (a purge is idempotent, so purging some keys twice costs nothing).
struct PurgeSender: Sendable {
    let client: OutboundClient
    let settings: PurgeSettings

    /// Purge targets are the operator's own caches, often on loopback or a private network:
    /// unlike webhook URLs, which API clients choose, they are reached wherever they are.
    init(settings: PurgeSettings, userAgent: String) {
        self.settings = settings
        client = OutboundClient(policy: .allowPrivate, timeout: settings.timeout, userAgent: userAgent)
    }

    func send(_ purge: DeliveryQueue.DuePurge, to target: PurgeTarget) -> DeliveryQueue.AttemptResult {
        let started = Timestamp.now()
        let clock = ContinuousClock()
        let start = clock.now
        var status: Int?
        var error: String?
        var remaining = purge.keys[...]
        while error == nil, !remaining.isEmpty {
            let keys = Array(remaining.prefix(target.keysPerRequest))
            remaining = remaining.dropFirst(keys.count)
            do {
                let response = try client.send(Self.request(keys, to: target))
                status = response.status
                if !(200...299).contains(response.status) { error = "the cache answered \(response.status)" }
            } catch let failure {
                error = "\(failure)"
            }
        }
        let duration = start.duration(to: clock.now)
        var outcome = DeliveryOutcome.delivered
        var retryAt: Timestamp?
        if error != nil {
            (outcome, retryAt) = settings.retrySchedule.afterFailure(ofAttempt: purge.attempts + 1, endedAt: started + duration)
        }
        return DeliveryQueue.AttemptResult(
            attemptedAt: started, duration: duration, status: status, error: error, outcome: outcome, retryAt: retryAt)
    }

    /// The request that purges `keys` from `target`, in the target's shape.
    static func request(_ keys: [String], to target: PurgeTarget) -> OutboundRequest {
        let list = keys.joined(separator: " ")
        switch target.kind {
        case .varnish:
            return OutboundRequest(method: "PURGE", url: target.url, headers: [("xkey-purge", list)])
        case .fastly:
            return OutboundRequest(
                url: target.url, headers: [("Fastly-Key", target.token ?? ""), ("Surrogate-Key", list), ("Accept", "application/json")])
        case .cloudflare:
            var writer = JSONWriter(capacity: 64 + list.utf8.count * 2)
            writer.beginObject()
            writer.key("tags")
            writer.beginArray()
            for key in keys { writer.string(key) }
            writer.endArray()
            writer.endObject()
            return OutboundRequest(
                url: target.url, headers: [("Authorization", "Bearer \(target.token ?? "")"), ("Content-Type", "application/json")],
                body: writer.bytes)
        }
    }
}
