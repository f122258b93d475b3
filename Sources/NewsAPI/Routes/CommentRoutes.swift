import HTTP
import NewsStore

/// Readers' comments: `/api/v1/articles/{key}/comments` (public: write one, read the approved
/// ones), the moderation queue `/api/v1/comments` and bans `/api/v1/comment-bans` (token).
struct CommentRoutes: Sendable {
    let comments: CommentService
    let limits: ClientLimits
    let representation: Representation
    /// How many bits of an IPv6 address one client holds, to key a ban's address as the
    /// limits key the client.
    let ipv6ClientPrefix: Int

    static let moderation = "/api/v1/comments"
    static let bans = "/api/v1/comment-bans"
    static let listParameters: Set<String> = ["limit", "cursor"]
    static let moderationParameters: Set<String> = ["status", "article", "limit", "cursor"]

    func register(on router: inout Router) {
        let article = ArticleRoutes.collection + "/{key}/comments"
        // A client's comments, whatever the articles, draw on its `comments` budget: five a
        // minute is a busy reader; a bot gets 429 before its body is read.
        router.post(article, .public, rate: limits.comment) { context in try create(context) }
        router.get(article, .public, rate: limits.read, query: .only(Self.listParameters)) { context in try list(context) }
        router.get(Self.moderation, .role(.editor), rate: limits.read, query: .only(Self.moderationParameters)) { context in try queue(context) }
        router.patch(Self.moderation + "/{id}", .role(.editor), rate: limits.write) { context in try moderate(context) }
        router.delete(Self.moderation + "/{id}", .role(.editor), rate: limits.write) { context in try delete(context) }
        router.get(Self.bans, .role(.editor), rate: limits.read, query: .only([])) { context in try listBans(context) }
        router.post(Self.bans, .role(.editor), rate: limits.write) { context in try ban(context) }
        router.delete(Self.bans + "/{id}", .role(.editor), rate: limits.write) { context in try unban(context) }
    }

    // MARK: Readers

    /// 202 `{"id", "status"}`: accepted, and public now (`approved`) or after moderation
    /// (`pending`). The sender's address is kept for moderators (to judge and ban), never shown to the public.
    private func create(_ context: RequestContext) throws -> Response {
        let input = CommentInputDecoding.comment(try RequestBody.json(context.request))
        let client = context.client
        let sender = CommentSender(address: client.address.isEmpty ? nil : client.address, key: client.key.description)
        let comment = try comments.create(on: context.parameters["key"]!, input, from: sender, requestID: context.requestID)
        var response = Response.json(CommentJSON.accepted(comment), status: .accepted)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private func list(_ context: RequestContext) throws -> Response {
        var query = CommentListQuery()
        if let limit = context.query["limit"] { query.limit = try QueryRules.limit(limit, in: CommentListQuery.limitRange) }
        query.cursor = try cursor(context)
        return try representation.respond(to: context.request, audience: context.audience) { keys in
            let (articleID, page) = try comments.publicCommentsWithArticle(on: context.parameters["key"]!, query)
            keys.insert(CacheKey.comments(articleID))
            keys.insert(CacheKey.article(articleID))
            return CommentJSON.publicPage(page)
        }
    }

    // MARK: Moderators

    private func queue(_ context: RequestContext) throws -> Response {
        var query = ModerationQuery()
        if let status = context.query["status"] {
            guard let parsed = CommentStatus(rawValue: status) else {
                throw ProblemDetails.badRequest("status must be one of \(CommentStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.status = parsed
        }
        query.article = context.query["article"]
        if let limit = context.query["limit"] { query.limit = try QueryRules.limit(limit, in: ArticleQuery.limitRange) }
        query.cursor = try cursor(context)
        return try representation.respond(to: context.request, audience: context.audience) {
            CommentJSON.moderationPage(try comments.moderationQueue(query))
        }
    }

    private func moderate(_ context: RequestContext) throws -> Response {
        let id = try commentID(context)
        let status = try CommentInputDecoding.status(RequestBody.json(context.request, accepting: RequestBody.MediaTypes.jsonOrMergePatch))
        return Representation.written(CommentJSON.moderated(try comments.moderate(id: id, to: status, by: context.principal)))
    }

    private func delete(_ context: RequestContext) throws -> Response {
        try comments.delete(id: try commentID(context), by: context.principal)
        return Response(status: .noContent)
    }

    private func listBans(_ context: RequestContext) throws -> Response {
        try representation.respond(to: context.request, audience: context.audience) { CommentJSON.bans(try comments.allBans()) }
    }

    private func ban(_ context: RequestContext) throws -> Response {
        let ban = try comments.ban(
            CommentInputDecoding.ban(try RequestBody.json(context.request), ipv6Prefix: ipv6ClientPrefix), by: context.principal)
        var response = Representation.written(CommentJSON.ban(ban), status: .created)
        response.headers.set("Location", "\(Self.bans)/\(ban.id)")
        return response
    }

    private func unban(_ context: RequestContext) throws -> Response {
        guard let id = Int64(context.parameters["id"]!), id > 0 else { throw NewsStoreError.notFound("ban") }
        try comments.deleteBan(id: id, by: context.principal)
        return Response(status: .noContent)
    }

    // MARK: Parameters

    private func commentID(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(context.parameters["id"]!), id > 0 else { throw NewsStoreError.notFound("comment") }
        return id
    }

    private func cursor(_ context: RequestContext) throws -> Cursor? {
        guard let token = context.query["cursor"] else { return nil }
        guard let cursor = Cursor(token: token) else {
            throw ProblemDetails.badRequest("cursor is not one this API gave out; start again without it.")
        }
        return cursor
    }
}
