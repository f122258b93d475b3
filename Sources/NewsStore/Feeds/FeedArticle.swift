/// An article as a feed item carries it: its summary (title, hero image, author, category,
/// tags, times) and its whole body, which feeds send as content.
public struct FeedArticle: Sendable, Equatable {
    public var summary: ArticleSummary
    public var body: ArticleBody

    public init(summary: ArticleSummary, body: ArticleBody) {
        self.summary = summary
        self.body = body
    }
}
