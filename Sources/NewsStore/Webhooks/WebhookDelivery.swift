/// One event on its way to one subscription (an outbox row), with its attempts so far.
public struct WebhookDelivery: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// Waiting for its first attempt or its next retry.
        case pending
        case delivered
        /// Given up: retries ran out, the receiver answered 410, or the subscription was turned off.
        case failed
    }

    public let id: Int64
    /// The `webhook-id` header: the same on every attempt.
    public let eventID: String
    public let eventType: String
    /// The exact bytes sent.
    public let payload: [UInt8]
    public var state: State
    /// When the next attempt is planned; nil unless pending.
    public var nextAttemptAt: Timestamp?
    public let createdAt: Timestamp
    public var finishedAt: Timestamp?
    /// Oldest first.
    public var attempts: [Attempt]

    public struct Attempt: Sendable, Equatable {
        public let attemptedAt: Timestamp
        public let durationMilliseconds: Int64
        /// The receiver's HTTP status; nil when it did not answer.
        public let status: Int?
        public let error: String?
        public let outcome: DeliveryOutcome
    }
}

/// What an attempt came to.
public enum DeliveryOutcome: String, Sendable, CaseIterable {
    /// The receiver answered 2xx.
    case delivered
    /// It failed; another attempt is planned.
    case retry
    /// It failed and was the last the retry schedule allows.
    case failed
    /// The receiver answered 410 Gone: the subscription is turned off.
    case gone
}

/// A page of a subscription's deliveries, newest first.
public struct WebhookDeliveryPage: Sendable {
    public let items: [WebhookDelivery]
    /// Where the next page starts; nil on the last page.
    public let nextCursor: String?
}
