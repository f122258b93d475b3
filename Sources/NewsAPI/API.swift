import HTTP
import NewsStore

/// Settings of the API layer.
public struct APIConfiguration: Sendable {
    /// Origins allowed to call the API from a browser; `*` for any.
    public var corsAllowedOrigins: [String] = []
    /// `Cache-Control: max-age` of public GET responses, in seconds.
    public var cacheMaxAge = 60
    /// `Cache-Control: s-maxage` of public GET responses: how long a shared cache in front
    /// (Varnish, a CDN) keeps them, in seconds; writes purge what they change sooner.
    public var cacheSharedMaxAge = 86_400
    /// The response field that carries a public response's surrogate keys (`Cache-Tag` for
    /// Cloudflare).
    public var surrogateKeyHeader = "Surrogate-Key"
    /// The caches writes purge; none without a cache in front.
    public var cachePurges = CachePurges.none
    /// Delivered purges' latencies, which the delivery loop records and `/metrics` shows.
    public var purgeLatency = PurgeLatency()
    /// Bytes of rendered public responses kept in memory; 0 turns the response cache off.
    /// 4 MiB holds some 400 article pages or 250 listings, a small newsroom's front pages;
    /// 8 MiB measured 6 MB more resident memory under random article reads, for no more hits.
    public var responseCacheSize = 4 * 1024 * 1024
    /// Wall time one search may take before it is stopped and answered `503`.
    public var searchTimeLimit = SearchService.defaultTimeLimit
    /// Bytes of recent searches' rankings and marked hits kept (`SearchService`); 0 keeps none.
    public var searchCacheSize = SearchService.defaultCacheCapacity
    /// Who may read `/metrics`.
    public var metricsAccess = MetricsAccess.token
    /// The running version, reported by `/metrics`.
    public var version = "unknown"
    /// Where `POST /api/v1/admin/backup` writes its files, and how many it keeps.
    public var backups = BackupFolder(path: "backups")
    /// How many related articles an article's detail shows at least: the editors' links, then
    /// suggestions up to this count; 0 turns suggestions off.
    public var relatedCount = ArticleService.defaultRelatedCount
    /// Bytes of public articles' rendered summaries kept, which readers' details splice
    /// (`ArticleService`); 0 reads and renders them for every detail.
    public var relatedCacheSize = ArticleService.defaultRelatedCacheSize
    /// How many revisions of each article retention keeps, besides every one that was public.
    public var revisionsKept = ArticleService.defaultRevisionsKept
    /// How views are rate-limited and de-duplicated.
    public var views = ViewSettings()
    /// What one client may use of the server.
    public var clientLimits = ClientLimitSettings()
    /// Searches running at once, all clients together; more wait for one to end without
    /// holding a worker. Below the worker count, so reads always find a worker.
    public var maxConcurrentSearches = max(1, ServerConfiguration.defaultWorkerCount / 2)
    /// The publication's name, language and public origin, for every absolute URL.
    public var publication = Publication()
    /// Readers' comments: moderation, limits, address retention.
    public var comments = CommentSettings()
    /// Items each feed (`/rss.xml`, `/atom.xml`, `/feed.json`) carries, newest first.
    public var feedItems = FeedService.defaultItemCount
    /// The reader's files (`web/`), served at `/`; none serves the API alone.
    public var webFiles: [StaticFile] = []

    public init() {}
}

/// Builds the application: every route with its policy, behind CORS.
public enum API {
    /// `views` counts article views; its `ViewFlusher` belongs to the caller, who stops it
    /// after the server.
    public static func makeResponder(
        database: NewsDatabase, tokens: TokenService, views: ViewService, configuration: APIConfiguration, logger: Logger,
        metrics: ServerMetrics
    ) -> Responder {
        let router = makeRouter(
            database: database, tokens: tokens, views: views, configuration: configuration, logger: logger, metrics: metrics)
        return CORS(allowedOrigins: configuration.corsAllowedOrigins, next: router)
    }

    /// The routes alone, without CORS.
    public static func makeRouter(
        database: NewsDatabase, tokens: TokenService, views: ViewService, configuration: APIConfiguration, logger: Logger,
        metrics: ServerMetrics = ServerMetrics()
    ) -> Router {
        var router = Router(
            logger: logger, authenticator: Authentication(tokens: tokens),
            authenticationFailures: configuration.clientLimits.authenticationFailures)
        let limits = ClientLimits(settings: configuration.clientLimits, views: configuration.views, comments: configuration.comments)
        let cache = ResponseCache(database: database, capacity: configuration.responseCacheSize)
        let representation = Representation(
            maxAge: configuration.cacheMaxAge, sharedMaxAge: configuration.cacheSharedMaxAge,
            surrogateKeyHeader: configuration.surrogateKeyHeader, cache: cache)
        let terms = TermService(database: database, purges: configuration.cachePurges)
        HealthRoutes.register(on: &router, database: database)
        MetricsRoutes(
            metrics: metrics, database: database, access: configuration.metricsAccess, version: configuration.version,
            purgeLatency: configuration.purgeLatency
        )
        .register(on: &router)
        AdminRoutes(database: database, limits: limits, backups: configuration.backups, logger: logger).register(on: &router)
        OpenAPIRoutes.register(on: &router)
        let articles = ArticleService(
            database: database, events: articleEvents(configuration), relatedCount: configuration.relatedCount,
            revisionsKept: configuration.revisionsKept,
            relatedRenderer: configuration.relatedCacheSize > 0 ? ArticleSummaryJSON() : nil, relatedCacheSize: configuration.relatedCacheSize)
        let articleRoutes = ArticleRoutes(articles: articles, limits: limits, representation: representation)
        articleRoutes.register(on: &router)
        RevisionRoutes(
            revisions: RevisionService(database: database), articleRoutes: articleRoutes, limits: limits, representation: representation
        ).register(on: &router)
        PreviewRoutes(
            previews: PreviewLinkService(database: database, articles: articles), articles: articles, publication: configuration.publication,
            shell: configuration.webFiles.first { $0.path == WebReaderRoutes.shellPath }.map(SharePreviewShell.init), limits: limits,
            representation: representation
        ).register(on: &router)
        SearchRoutes(
            search: SearchService(database: database, timeLimit: configuration.searchTimeLimit, cacheCapacity: configuration.searchCacheSize),
            limits: limits,
            representation: representation, logger: logger,
            lane: .capped(WorkerCap("search", limit: configuration.maxConcurrentSearches))
        ).register(on: &router)
        ViewRoutes(views: views, limits: limits, representation: representation, settings: configuration.views).register(on: &router)
        CommentRoutes(
            comments: CommentService(database: database, events: commentEvents(configuration), moderation: configuration.comments.moderation),
            limits: limits, representation: representation, ipv6ClientPrefix: configuration.comments.ipv6ClientPrefix
        ).register(on: &router)
        for kind in TermKind.allCases {
            TermRoutes(kind: kind, terms: terms, limits: limits, representation: representation)
                .register(on: &router)
        }
        let feeds = FeedService(database: database)
        FeedRoutes(
            feeds: feeds, publication: configuration.publication, itemCount: configuration.feedItems, limits: limits,
            representation: representation
        ).register(on: &router)
        SitemapRoutes(feeds: feeds, publication: configuration.publication, limits: limits, representation: representation)
            .register(on: &router)
        WebReaderRoutes(
            files: configuration.webFiles, articles: articles, terms: terms, publication: configuration.publication,
            limits: limits, representation: representation
        ).register(on: &router)
        WebhookRoutes(
            webhooks: WebhookService(database: database, urlProblem: WebhookRoutes.urlProblem), limits: limits,
            representation: representation
        ).register(on: &router)
        AuditRoutes(audit: AuditService(database: database), limits: limits, representation: representation).register(on: &router)
        TokenRoutes(tokens: tokens, limits: limits, representation: representation).register(on: &router)
        return router
    }

    /// What article writes announce, with summaries as the API writes them: shared by the
    /// routes' writes and the delivery loop, which announces scheduled articles when due.
    public static func articleEvents(_ configuration: APIConfiguration) -> ArticleEvents {
        ArticleEvents(renderer: ArticleSummaryJSON(), publication: configuration.publication, purges: configuration.cachePurges)
    }

    /// What comment writes announce, with comments and article summaries as the API writes them.
    public static func commentEvents(_ configuration: APIConfiguration) -> CommentEvents {
        CommentEvents(
            comments: PublicCommentJSON(), summaries: ArticleSummaryJSON(), publication: configuration.publication,
            purges: configuration.cachePurges)
    }
}
