import SQLite

/// The rules for webhook subscriptions: what a URL and an event list must be, secrets made
/// and rotated, and the deliveries an editor may inspect and send again.
public final class WebhookService: Sendable {
    private let database: NewsDatabase
    private let urlProblem: @Sendable (String) -> String?
    private let clock: @Sendable () -> Timestamp
    private let repository = WebhookRepository()
    private let audit = AuditLog()

    /// Every write fans out to every subscription in its transaction, so there are few.
    public static let maximumSubscriptions = 100
    public static let descriptionLength = 300
    /// How long a rotated-out secret keeps signing beside the new one.
    public static let rotationOverlap: Duration = .seconds(24 * 3600)
    /// Deliveries one page lists at most, and by default.
    public static let deliveryPageLimit = 1...100
    public static let defaultDeliveryPageLimit = 20

    /// `urlProblem` says why a receiver URL cannot be sent to (nil when it can): the rules of
    /// the client that sends, so a subscription the store accepts is one it can deliver to.
    public init(
        database: NewsDatabase, urlProblem: @escaping @Sendable (String) -> String?,
        clock: @escaping @Sendable () -> Timestamp = Timestamp.now
    ) {
        self.database = database
        self.urlProblem = urlProblem
        self.clock = clock
    }

    /// A subscription with the secret that signs for it, shown this once.
    public struct CreatedSecret: Sendable {
        public let subscription: WebhookSubscription
        public let secret: String
    }

    public func create(_ input: WebhookInput, by principal: Principal) throws -> CreatedSecret {
        var rules = FieldRules()
        let url = url(input.url, rules: &rules, required: true)
        let events = Self.events(input.events, rules: &rules, required: true)
        let description = Self.description(input.description ?? nil, rules: &rules)
        if input.active != nil { rules.add("/active", "is set with a PATCH once the subscription exists") }
        guard rules.errors.isEmpty, let url, let events else { throw NewsStoreError.invalid(rules.errors) }
        let secret = WebhookSecret.generate()
        let now = clock()
        return try database.write { db in
            guard try repository.count(in: db) < Self.maximumSubscriptions else {
                throw NewsStoreError.conflict("There are already \(Self.maximumSubscriptions) webhook subscriptions; delete one first.")
            }
            let id = try repository.insert(url: url, events: events, description: description, secret: secret, now: now, in: db)
            try audit.record("webhook.create", object: "webhook:\(id)", summary: url, by: principal, at: now, in: db)
            return CreatedSecret(subscription: try repository.subscription(id: id, in: db)!, secret: secret.text)
        }
    }

    public func list() throws -> [WebhookSubscription] {
        try database.read { db in try repository.subscriptions(in: db) }
    }

    public func subscription(_ id: Int64) throws -> WebhookSubscription {
        try database.read { db in try existing(id, in: db) }
    }

    /// Changes what `input` names. Turning a subscription off gives up its pending deliveries
    /// (they can be sent again with `redeliver` once it is back on).
    public func update(_ id: Int64, _ input: WebhookInput, by principal: Principal) throws -> WebhookSubscription {
        var rules = FieldRules()
        let url = url(input.url, rules: &rules, required: false)
        let events = Self.events(input.events, rules: &rules, required: false)
        let description = input.description.map { Self.description($0, rules: &rules) }
        guard rules.errors.isEmpty else { throw NewsStoreError.invalid(rules.errors) }
        let now = clock()
        return try database.write { db in
            var subscription = try existing(id, in: db)
            if let url { subscription.url = url }
            if let events { subscription.events = events }
            if let description { subscription.description = description }
            if let active = input.active, active != subscription.active {
                subscription.active = active
                subscription.disabledReason = nil
                if !active { try repository.failPending(of: id, now: now, in: db) }
            }
            try repository.update(subscription, now: now, in: db)
            try audit.record(
                "webhook.update", object: "webhook:\(id)", summary: "\(subscription.url)\(subscription.active ? "" : " (off)")", by: principal,
                at: now, in: db)
            return try existing(id, in: db)
        }
    }

    public func delete(_ id: Int64, by principal: Principal) throws {
        let now = clock()
        try database.write { db in
            let subscription = try existing(id, in: db)
            guard try repository.delete(id: id, in: db) else { throw NewsStoreError.notFound("webhook") }
            try audit.record("webhook.delete", object: "webhook:\(id)", summary: subscription.url, by: principal, at: now, in: db)
        }
    }

    /// A new secret; the old one keeps signing beside it for `rotationOverlap`, so receivers
    /// can switch without missing a delivery.
    public func rotateSecret(_ id: Int64, by principal: Principal) throws -> CreatedSecret {
        let secret = WebhookSecret.generate()
        let now = clock()
        return try database.write { db in
            _ = try existing(id, in: db)
            try repository.rotate(id: id, to: secret, previousExpiresAt: now + Self.rotationOverlap, now: now, in: db)
            try audit.record("webhook.rotate_secret", object: "webhook:\(id)", by: principal, at: now, in: db)
            return CreatedSecret(subscription: try existing(id, in: db), secret: secret.text)
        }
    }

    /// The subscription's deliveries, newest first, each with its attempts.
    public func deliveries(of id: Int64, limit: Int = WebhookService.defaultDeliveryPageLimit, cursor: String? = nil) throws
        -> WebhookDeliveryPage
    {
        let before: Int64?
        if let cursor {
            guard let position = RowCursor(.webhookDeliveries, token: cursor) else {
                throw NewsStoreError.invalidQuery("cursor is not one this API gave out; start again without it.")
            }
            before = position.id
        } else {
            before = nil
        }
        let limit = Self.deliveryPageLimit.clamp(limit)
        return try database.read { db in
            _ = try existing(id, in: db)
            let items = try repository.deliveries(of: id, before: before, limit: limit + 1, in: db)
            let page = Array(items.prefix(limit))
            return WebhookDeliveryPage(
                items: page, nextCursor: items.count > limit ? page.last.map { RowCursor(.webhookDeliveries, id: $0.id).token } : nil)
        }
    }

    /// Sends the delivery again, now and then on the retry schedule from its start, with the
    /// same `webhook-id`: a receiver that already has it can tell.
    public func redeliver(_ deliveryID: Int64, of id: Int64, by principal: Principal) throws -> WebhookDelivery {
        let now = clock()
        return try database.write { db in
            let subscription = try existing(id, in: db)
            guard try repository.delivery(id: deliveryID, of: id, in: db) != nil else { throw NewsStoreError.notFound("delivery") }
            guard subscription.active else {
                throw NewsStoreError.conflict("The subscription is turned off; set active to true first.")
            }
            try repository.requeue(id: deliveryID, now: now, in: db)
            try audit.record("webhook.redeliver", object: "webhook:\(id)", summary: "delivery:\(deliveryID)", by: principal, at: now, in: db)
            return try repository.delivery(id: deliveryID, of: id, in: db)!
        }
    }

    private func existing(_ id: Int64, in db: Connection) throws -> WebhookSubscription {
        guard let subscription = try repository.subscription(id: id, in: db) else { throw NewsStoreError.notFound("webhook") }
        return subscription
    }

    // MARK: Validation

    /// An absolute http(s) URL the sending client accepts. Whether its address may be reached
    /// is decided when sending, on the resolved address.
    private func url(_ text: String?, rules: inout FieldRules, required: Bool) -> String? {
        // A blank URL in a patch is a mistake, not "leave it as it is" (that is leaving it out).
        if let text, text.trimmingWhitespace.isEmpty {
            rules.add("/url", "must be an absolute http or https URL")
            return nil
        }
        let before = rules.errors.count
        guard let url = rules.url(text, at: "/url", required: required), rules.errors.count == before else { return nil }
        if let problem = urlProblem(url) {
            rules.add("/url", problem)
            return nil
        }
        return url
    }

    private static func events(_ names: [String]?, rules: inout FieldRules, required: Bool) -> [EventType]? {
        guard let names else {
            if required { rules.add("/events", "is required") }
            return nil
        }
        if names.isEmpty { rules.add("/events", "must name at least one event") }
        var events: [EventType] = []
        for (index, name) in names.enumerated() {
            guard let event = EventType(rawValue: name) else {
                let known = EventType.allCases.map(\.rawValue).joined(separator: ", ")
                rules.add("/events/\(index)", "is not an event; known: \(known)")
                continue
            }
            if !events.contains(event) { events.append(event) }
        }
        return events
    }

    private static func description(_ text: String?, rules: inout FieldRules) -> String? {
        rules.text(text, at: "/description", max: descriptionLength)
    }
}
