/// Where and what to announce: a receiver's URL and the events it wants. Its secret is shown
/// once, when it is made or rotated (`WebhookService.CreatedSecret`), and never listed.
public struct WebhookSubscription: Sendable, Equatable {
    public let id: Int64
    public var url: String
    public var events: [EventType]
    public var description: String?
    public var active: Bool
    /// Why the server turned it off (`gone`: the receiver answered 410); nil when it is
    /// active or an editor turned it off.
    public var disabledReason: String?
    /// Until when the secret before the last rotation still signs beside the current one.
    public var previousSecretExpiresAt: Timestamp?
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    /// What `disabledReason` says after a 410.
    public static let goneReason = "gone"
}

/// What a webhook write may set; nil members stay as they are (a patch) or take their
/// defaults (a creation, where `url` and `events` are required).
public struct WebhookInput: Sendable {
    public var url: String?
    public var events: [String]?
    /// `.some(nil)` removes the description.
    public var description: String??
    public var active: Bool?

    public init(url: String? = nil, events: [String]? = nil, description: String?? = nil, active: Bool? = nil) {
        self.url = url
        self.events = events
        self.description = description
        self.active = active
    }
}
