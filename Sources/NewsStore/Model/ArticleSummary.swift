/// An article as listings show it: enough to render a teaser card, without the body.
public struct ArticleSummary: Sendable, Equatable {
    public let id: Int64
    public var slug: String
    public var title: String
    public var summary: String?
    public var hero: HeroImage?
    public var author: String?
    public var category: TermReference?
    public var tags: TagList
    public var status: ArticleStatus
    public var publishedAt: Timestamp?
    public var updatedAt: Timestamp
    public var views: Int64
    /// Its approved comments the public sees.
    public var commentCount: Int64

    public init(
        id: Int64, slug: String, title: String, summary: String?, hero: HeroImage?, author: String?,
        category: TermReference?, tags: TagList, status: ArticleStatus, publishedAt: Timestamp?,
        updatedAt: Timestamp, views: Int64, commentCount: Int64 = 0
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.hero = hero
        self.author = author
        self.category = category
        self.tags = tags
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.views = views
        self.commentCount = commentCount
    }
}
