import HTTP
import NewsStore

/// `POST /api/v1/articles/{key}/views` counts a reader's view of an article;
/// `GET /api/v1/articles/popular` lists the most read.
struct ViewRoutes: Sendable {
    let views: ViewService
    let limits: ClientLimits
    let representation: Representation
    /// One counted view per client and article per window: a bucket of one token that refills
    /// once per window is exactly that, in the limiter's bounded memory.
    let perClientAndArticle: RateLimiter<ClientView>

    struct ClientView: Hashable, Sendable {
        let client: ClientKey
        let articleID: Int64
    }

    init(views: ViewService, limits: ClientLimits, representation: Representation, settings: ViewSettings) {
        self.views = views
        self.limits = limits
        self.representation = representation
        // At most about 20 MB: it remembers 131,072 to 262,144 recent (client, article) pairs,
        // a whole 10-minute window up to about 200 new pairs a second. Beyond that a repeat
        // older than a few minutes may count again, rather than memory growing with traffic.
        perClientAndArticle = RateLimiter(RateLimit(1, per: settings.repeatWindow, burst: 1), capacity: 262_144)
    }

    static let popularParameters: Set<String> = ["window", "category", "limit"]

    func register(on router: inout Router) {
        // A literal segment wins over `{key}` in the router, and no article may have the slug
        // `popular` (`Slug.reservedForArticles`), so the two never meet.
        router.get(ArticleRoutes.collection + "/popular", .public, rate: limits.read, query: .only(Self.popularParameters)) { context in
            try popular(context)
        }
        // Views one client may send, whatever the articles, are its `view` budget: a loop
        // cannot inflate the counts.
        router.post(ArticleRoutes.collection + "/{key}/views", .public, rate: limits.view) { context in try record(context) }
    }

    /// 202: the view is accepted, and counted unless this client's view of this article was
    /// counted within the window; either way it reaches the database within a flush interval.
    /// Public and cheap: no token, one primary-key read, a counter in memory.
    private func record(_ context: RequestContext) throws -> Response {
        let id = try views.publicArticle(context.parameters["key"]!)
        if perClientAndArticle.admit(ClientView(client: context.client.key, articleID: id)) == .admitted {
            views.record(articleID: id)
        }
        var response = Response(status: .accepted)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private func popular(_ context: RequestContext) throws -> Response {
        let audience = context.audience
        let parameters = context.query
        var query = PopularQuery()
        if let window = parameters["window"] {
            guard let parsed = PopularWindow(rawValue: window) else {
                throw ProblemDetails.badRequest("window must be one of \(PopularWindow.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.window = parsed
        }
        query.category = parameters["category"]
        if let limit = parameters["limit"] { query.limit = try QueryRules.limit(limit, in: PopularQuery.limitRange) }
        return try representation.respond(to: context.request, audience: audience) { keys in
            let popular = try views.popular(query)
            keys.insert(CacheKey.popular)
            keys.insert(summaries: popular.map(\.summary))
            return PopularJSON.list(popular)
        }
    }
}
