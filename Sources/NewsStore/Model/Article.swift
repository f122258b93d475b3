/// A news article as stored, with its category, tags and related articles resolved.
public struct Article: Sendable, Equatable {
    public let id: Int64
    public var slug: String
    public var title: String
    public var summary: String?
    public var body: ArticleBody
    public var hero: HeroImage?
    public var author: String?
    public var sources: SourceList
    public var category: TermReference?
    public var tags: TagList
    public var status: ArticleStatus
    public var publishedAt: Timestamp?
    public let createdAt: Timestamp
    public var updatedAt: Timestamp
    public var views: Int64
    /// Whether readers may comment on it.
    public var comments: CommentAccess
    /// Its approved comments the public sees.
    public var commentCount: Int64
    /// Increases with every change; the API's ETag and `If-Match` are built on it.
    public var version: Int64
    /// The editors' related articles, in their order.
    public var related: [ArticleSummary]
    /// Related articles the store suggests after `related`, best first (see `RelatedSelector`).
    public var suggestions: [ArticleSummary]
    /// The identity (token name) that created it, whose own it is (see `ArticleAccess`); nil
    /// for articles created before identities were recorded, which are nobody's own.
    public let createdBy: String?
    /// A reader's related list already rendered (links, then suggestions), set instead of
    /// `related` and `suggestions` when the service keeps rendered summaries.
    public var renderedRelated: RenderedRelated?

    public init(
        id: Int64, slug: String, title: String, summary: String?, body: ArticleBody, hero: HeroImage?,
        author: String?, sources: SourceList, category: TermReference?, tags: TagList,
        status: ArticleStatus, publishedAt: Timestamp?, createdAt: Timestamp, updatedAt: Timestamp,
        views: Int64, version: Int64, related: [ArticleSummary], suggestions: [ArticleSummary] = [], comments: CommentAccess = .open,
        commentCount: Int64 = 0, createdBy: String? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.body = body
        self.hero = hero
        self.author = author
        self.sources = sources
        self.category = category
        self.tags = tags
        self.status = status
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.views = views
        self.comments = comments
        self.commentCount = commentCount
        self.version = version
        self.related = related
        self.suggestions = suggestions
        self.createdBy = createdBy
    }

    /// Whether the public may see it at `now`: published, and its publication time has come
    /// (see `PublicArticles`).
    public func isPublic(at now: Timestamp) -> Bool {
        PublicArticles.includes(status: status, publishedAt: publishedAt, at: now)
    }
}
