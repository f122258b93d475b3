import HTTP
import NewsStore

/// Sends one webhook delivery (Standard Webhooks) and says what it came to. The body is the
/// stored payload, byte for byte; `webhook-id` is the event's id, the same on every attempt;
/// `webhook-timestamp` is the attempt's time, which the signature covers, so a receiver can
/// refuse old replays without refusing a late retry.
struct WebhookSender: Sendable {
    let client: OutboundClient
    let settings: DeliverySettings

    init(settings: DeliverySettings) {
        self.settings = settings
        client = OutboundClient(policy: settings.addressPolicy, timeout: settings.timeout, userAgent: settings.userAgent)
    }

    func send(_ delivery: DeliveryQueue.DueDelivery) -> DeliveryQueue.AttemptResult {
        let started = Timestamp.now()
        let clock = ContinuousClock()
        let start = clock.now
        let timestamp = started.milliseconds / 1000
        var status: Int?
        var error: String?
        do {
            let url = try OutboundURL(delivery.url)
            let request = OutboundRequest(
                url: url,
                headers: [
                    ("Content-Type", "application/json"),
                    ("webhook-id", delivery.eventID),
                    ("webhook-timestamp", String(timestamp)),
                    (
                        "webhook-signature",
                        WebhookSignature.header(id: delivery.eventID, timestamp: timestamp, body: delivery.payload, secrets: delivery.secrets)
                    ),
                ], body: delivery.payload)
            let response = try client.send(request)
            status = response.status
            if !(200...299).contains(response.status) { error = "the receiver answered \(response.status)" }
        } catch let failure {
            error = "\(failure)"
        }
        let duration = start.duration(to: clock.now)
        let outcome: DeliveryOutcome
        var retryAt: Timestamp?
        if error == nil {
            outcome = .delivered
        } else if status == 410 {
            outcome = .gone
        } else {
            (outcome, retryAt) = settings.retrySchedule.afterFailure(ofAttempt: delivery.attempts + 1, endedAt: started + duration)
        }
        return DeliveryQueue.AttemptResult(
            attemptedAt: started, duration: duration, status: status, error: error, outcome: outcome, retryAt: retryAt)
    }
}
