import HTTP
import NewsStore

/// `/api/v1/tokens`: the admins' management of API tokens, as `newsstore token` does it on
/// the command line. A new token is shown once, in the answer that creates it.
struct TokenRoutes: Sendable {
    let tokens: TokenService
    let limits: ClientLimits
    let representation: Representation

    static let collection = "/api/v1/tokens"

    func register(on router: inout Router) {
        router.get(Self.collection, .role(.admin), rate: limits.read, query: .only([])) { context in try list(context) }
        router.post(Self.collection, .role(.admin), rate: limits.write) { context in try create(context) }
        router.delete(Self.collection + "/{id}", .role(.admin), rate: limits.write) { context in try revoke(context) }
    }

    private func list(_ context: RequestContext) throws -> Response {
        try representation.respond(to: context.request, audience: .editor) { TokenJSON.list(try tokens.list()) }
    }

    private func create(_ context: RequestContext) throws -> Response {
        let input = try TokenInputDecoding.decode(RequestBody.json(context.request))
        let created = try tokens.create(name: input.name, role: input.role, lifetime: input.lifetime, by: context.principal)
        var response = Representation.written(TokenJSON.token(created.info, plaintext: created.token), status: .created)
        response.headers.set("Location", "\(Self.collection)/\(created.info.id)")
        return response
    }

    private func revoke(_ context: RequestContext) throws -> Response {
        guard let id = Int64(context.parameters["id"]!), id > 0 else { throw NewsStoreError.notFound("token") }
        try tokens.revoke(id: id, by: context.principal)
        return Response(status: .noContent)
    }
}
