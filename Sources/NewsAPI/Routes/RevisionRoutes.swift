import HTTP
import NewsStore

/// `/api/v1/articles/{key}/revisions`: an article's history for its editors, what changed
/// between two states, and restoring an earlier one.
struct RevisionRoutes: Sendable {
    let revisions: RevisionService
    /// The article routes' lookup and `If-Match` check, so a restore addresses and guards an
    /// article exactly as a `PATCH` does.
    let articleRoutes: ArticleRoutes
    let limits: ClientLimits
    let representation: Representation

    static let collection = ArticleRoutes.collection + "/{key}/revisions"

    func register(on router: inout Router) {
        router.get(Self.collection, .role(.contributor), rate: limits.read, query: ["limit", "cursor"]) { context in try list(context) }
        router.get(Self.collection + "/{number}", .role(.contributor), rate: limits.read) { context in try show(context) }
        router.get(Self.collection + "/{number}/diff", .role(.contributor), rate: limits.read, query: ["against"]) { context in
            try diff(context)
        }
        router.post(Self.collection + "/{number}/restore", .role(.contributor), rate: limits.write) { context in try restore(context) }
    }

    private func list(_ context: RequestContext) throws -> Response {
        let limit = try context.query["limit"].map { try QueryRules.limit($0, in: RevisionService.limitRange) } ?? RevisionService.defaultLimit
        var cursor: RevisionCursor?
        if let token = context.query["cursor"] {
            guard let parsed = RevisionCursor(token: token) else {
                throw ProblemDetails.badRequest("cursor is not one this API gave out; start again without it.")
            }
            cursor = parsed
        }
        return try representation.respond(to: context.request, audience: context.audience) {
            RevisionJSON.page(try revisions.revisions(ofArticle: key(context), after: cursor, limit: limit), at: Timestamp.now())
        }
    }

    private func show(_ context: RequestContext) throws -> Response {
        let number = try number(context)
        return try representation.respond(to: context.request, audience: context.audience) {
            RevisionJSON.detail(try revisions.revision(number, ofArticle: key(context)), at: Timestamp.now())
        }
    }

    private func diff(_ context: RequestContext) throws -> Response {
        let number = try number(context)
        var comparison = RevisionService.Comparison.current
        if let against = context.query["against"], against != "current" {
            guard let other = Int64(against), other > 0 else {
                throw ProblemDetails.badRequest("against must be current or a revision number.")
            }
            comparison = .revision(other)
        }
        return try representation.respond(to: context.request, audience: context.audience) {
            RevisionJSON.diff(try revisions.diff(number, against: comparison, ofArticle: key(context)), from: number, against: comparison)
        }
    }

    /// Answers the restored article as a `PATCH` does, with its new ETag.
    private func restore(_ context: RequestContext) throws -> Response {
        guard let ifMatch = context.request.headers["if-match"] else { throw ProblemDetails.restoreNeedsIfMatch }
        let number = try number(context)
        let current = try articleRoutes.editable(context)
        try articleRoutes.checkPrecondition(ifMatch, current)
        let restored = try articleRoutes.articles.restore(
            id: current.id, revision: number, expectedVersion: current.version, by: context.principal, reading: ArticleInputDecoding.decode)
        return Representation.written(ArticleJSON.detail(restored, body: .blocks, for: .editor))
    }

    private func key(_ context: RequestContext) -> String { context.parameters["key"]! }

    /// The revision number in the path; anything else names no revision.
    private func number(_ context: RequestContext) throws -> Int64 {
        guard let number = Int64(context.parameters["number"]!), number > 0 else { throw NewsStoreError.notFound("revision") }
        return number
    }
}
