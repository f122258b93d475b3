/// The articles of one feed, newest first, and the category or tag it is limited to.
public struct Feed: Sendable, Equatable {
    /// The category or tag of a scoped feed; nil for the feed of all articles.
    public var term: Term?
    public var items: [FeedArticle]

    public init(term: Term?, items: [FeedArticle]) {
        self.term = term
        self.items = items
    }
}
