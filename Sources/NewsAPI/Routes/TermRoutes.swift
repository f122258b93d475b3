import HTTP
import NewsStore

/// `/api/v1/categories` and `/api/v1/tags`: the same resource shape and rules, on two kinds.
struct TermRoutes: Sendable {
    let kind: TermKind
    let terms: TermService
    let limits: ClientLimits
    let representation: Representation

    private var collection: String { kind == .category ? "/api/v1/categories" : "/api/v1/tags" }

    func register(on router: inout Router) {
        router.get(collection, .public, rate: limits.read, query: ["prefix", "limit"]) { context in try list(context) }
        router.post(collection, .role(.editor), rate: limits.write) { context in try create(context) }
        router.get(collection + "/{key}", .public, rate: limits.read) { context in try show(context) }
        router.patch(collection + "/{key}", .role(.editor), rate: limits.write) { context in try update(context) }
        router.delete(collection + "/{key}", .role(.editor), rate: limits.write, query: ["move_to"]) { context in try delete(context) }
    }

    private func list(_ context: RequestContext) throws -> Response {
        let audience = context.audience
        var limit = 100
        if let text = context.query["limit"] { limit = try QueryRules.limit(text, in: TermService.listLimit) }
        return try representation.respond(to: context.request, audience: audience) { keys in
            let list = try terms.list(kind, prefix: context.query["prefix"], limit: limit, for: audience)
            keys.insert(CacheKey.list)
            for term in list { keys.insert(CacheKey.term(kind, term.id)) }
            return TermJSON.list(list)
        }
    }

    private func show(_ context: RequestContext) throws -> Response {
        let audience = context.audience
        return try representation.respond(to: context.request, audience: audience) { keys in
            let term = try terms.term(kind, context.parameters["key"]!, for: audience)
            keys.insert(CacheKey.term(kind, term.id))
            return TermJSON.term(term)
        }
    }

    private func create(_ context: RequestContext) throws -> Response {
        let term = try terms.create(kind, TermInputDecoding.decode(RequestBody.json(context.request)), by: context.principal)
        var response = Representation.written(TermJSON.term(term), status: .created)
        response.headers.set("Location", "\(collection)/\(term.id)")
        return response
    }

    /// A merge patch of `{name, slug, description}` is the same as naming the members to change.
    private func update(_ context: RequestContext) throws -> Response {
        let input = try TermInputDecoding.decode(RequestBody.json(context.request, accepting: RequestBody.MediaTypes.jsonOrMergePatch))
        return Representation.written(TermJSON.term(try terms.update(kind, context.parameters["key"]!, input, by: context.principal)))
    }

    private func delete(_ context: RequestContext) throws -> Response {
        try terms.delete(kind, context.parameters["key"]!, moveTo: context.query["move_to"], by: context.principal)
        return Response(status: .noContent)
    }
}
