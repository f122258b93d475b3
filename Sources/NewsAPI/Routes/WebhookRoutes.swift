import HTTP
import NewsStore

/// `/api/v1/webhooks`: subscriptions to the store's events (Standard Webhooks), their
/// secrets, and the deliveries made to them. Editors only: a subscription's URL and its
/// deliveries' payloads are not for readers.
struct WebhookRoutes: Sendable {
    let webhooks: WebhookService
    let limits: ClientLimits
    let representation: Representation

    static let collection = "/api/v1/webhooks"

    func register(on router: inout Router) {
        let one = Self.collection + "/{id}"
        router.get(Self.collection, .role(.admin), rate: limits.read) { context in try list(context) }
        router.post(Self.collection, .role(.admin), rate: limits.write) { context in try create(context) }
        router.get(one, .role(.admin), rate: limits.read) { context in try show(context) }
        router.patch(one, .role(.admin), rate: limits.write) { context in try update(context) }
        router.delete(one, .role(.admin), rate: limits.write) { context in try delete(context) }
        router.post(one + "/rotate-secret", .role(.admin), rate: limits.write) { context in try rotate(context) }
        router.get(one + "/deliveries", .role(.admin), rate: limits.read, query: ["limit", "cursor"]) { context in try deliveries(context) }
        router.post(one + "/deliveries/{delivery_id}/redeliver", .role(.admin), rate: limits.write) { context in try redeliver(context) }
    }

    // Reads carry an ETag and answer If-None-Match like every GET; being an editor's,
    // they are `private, no-store`.
    private func list(_ context: RequestContext) throws -> Response {
        try representation.respond(to: context.request, audience: .editor) { WebhookJSON.list(try webhooks.list()) }
    }

    private func create(_ context: RequestContext) throws -> Response {
        let created = try webhooks.create(WebhookInputDecoding.decode(RequestBody.json(context.request)))
        var response = Representation.written(WebhookJSON.subscription(created.subscription, secret: created.secret), status: .created)
        response.headers.set("Location", "\(Self.collection)/\(created.subscription.id)")
        return response
    }

    private func show(_ context: RequestContext) throws -> Response {
        let id = try Self.id(context)
        return try representation.respond(to: context.request, audience: .editor) { WebhookJSON.subscription(try webhooks.subscription(id)) }
    }

    private func update(_ context: RequestContext) throws -> Response {
        let input = try WebhookInputDecoding.decode(RequestBody.json(context.request, accepting: RequestBody.MediaTypes.jsonOrMergePatch))
        return Representation.written(WebhookJSON.subscription(try webhooks.update(try Self.id(context), input)))
    }

    private func delete(_ context: RequestContext) throws -> Response {
        try webhooks.delete(try Self.id(context))
        return Response(status: .noContent)
    }

    private func rotate(_ context: RequestContext) throws -> Response {
        let rotated = try webhooks.rotateSecret(try Self.id(context))
        return Representation.written(WebhookJSON.subscription(rotated.subscription, secret: rotated.secret))
    }

    private func deliveries(_ context: RequestContext) throws -> Response {
        var limit = WebhookService.defaultDeliveryPageLimit
        if let text = context.query["limit"] { limit = try QueryRules.limit(text, in: WebhookService.deliveryPageLimit) }
        let id = try Self.id(context)
        return try representation.respond(to: context.request, audience: .editor) {
            WebhookJSON.deliveries(try webhooks.deliveries(of: id, limit: limit, cursor: context.query["cursor"]))
        }
    }

    private func redeliver(_ context: RequestContext) throws -> Response {
        guard let deliveryID = Int64(context.parameters["delivery_id"]!), deliveryID > 0 else { throw NewsStoreError.notFound("delivery") }
        let delivery = try webhooks.redeliver(deliveryID, of: try Self.id(context))
        return Representation.written(WebhookJSON.delivery(delivery), status: .accepted)
    }

    /// Why the outbound client would refuse `url` (its scheme, user information, fragment,
    /// host syntax…), or nil: subscriptions are checked by the parser deliveries go through.
    static func urlProblem(_ url: String) -> String? {
        do {
            _ = try OutboundURL(url)
            return nil
        } catch {
            return error.description
        }
    }

    /// The subscription `{id}` names; anything but a positive integer names none.
    private static func id(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(context.parameters["id"]!), id > 0 else { throw NewsStoreError.notFound("webhook") }
        return id
    }
}
