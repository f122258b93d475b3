import SQLite

/// Which events a comment write announces, decided inside its transaction: comment.created for
/// every new comment (pending ones too: that is what tells a moderator there is work), and
/// comment.approved whenever a comment becomes approved, by a moderator or at once under
/// post-moderation.
///
/// The data is the comment's public members, its status, and the article it is on (the
/// summary as listings show it, with its public URL). Events share the article's ordering key,
/// so a receiver hears of a comment after the publication of its article.
public struct CommentEvents: Sendable {
    private let comments: any CommentRendering
    private let summaries: any ArticleSummaryRendering
    private let publication: Publication
    private let purges: CachePurges
    private let outbox = Outbox()
    private let articles = ArticleRepository()

    public init(
        comments: any CommentRendering, summaries: any ArticleSummaryRendering, publication: Publication, purges: CachePurges = .none
    ) {
        self.comments = comments
        self.summaries = summaries
        self.publication = publication
        self.purges = purges
    }

    /// Appends the events of a write that left `comment` as it is, `previous` being its status
    /// before (nil: just created).
    func record(_ comment: Comment, previous: CommentStatus?, at now: Timestamp, in db: Connection) throws {
        if previous == nil { try append(.commentCreated, comment, at: now, in: db) }
        if comment.status == .approved && previous != .approved { try append(.commentApproved, comment, at: now, in: db) }
        if comment.status == .approved || previous == .approved { try purge(articleOf: comment, at: now, in: db) }
    }

    /// Purges what readers see of the comments of `comment`'s article: the public comments
    /// and the article's comment count (its detail and every summary). Called for every change
    /// to an approved comment, and for one that becomes or stops being approved.
    func purge(articleOf comment: Comment, at now: Timestamp, in db: Connection) throws {
        try purges.append([CacheKey.comments(comment.articleID), CacheKey.article(comment.articleID)], at: now, in: db)
    }

    private func append(_ type: EventType, _ comment: Comment, at now: Timestamp, in db: Connection) throws {
        // The article is read only when a subscription wants the event.
        try outbox.append(type, orderingKey: "article:\(comment.articleID)", at: now, in: db) { writer in
            guard let article = try articles.article(id: comment.articleID, in: db) else { throw NewsStoreError.notFound("article") }
            comments.writePublicMembers(of: comment, to: &writer)
            writer.member("status", comment.status.rawValue)
            writer.key("article")
            writer.beginObject()
            summaries.writeMembers(of: ArticleSummary(article), to: &writer)
            writer.member("url", publication.articleURL(slug: article.slug))
            writer.endObject()
        }
    }
}
