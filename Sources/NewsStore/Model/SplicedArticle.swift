/// An article as a reader's detail shows it, built from renderings the service keeps: its own
/// summary members (as its related summaries are kept, `RelatedSummaryCache`) and its related
/// list already rendered, with only what a detail adds to a summary read from its row.
///
/// The summary's text (title, summary, slug, author, category and tags) is most of what a
/// detail reads and writes besides its body; spliced as bytes it is neither decoded into
/// strings nor escaped again on every read.
public struct SplicedArticle: Sendable {
    public let id: Int64
    /// The JSON members of its summary, as between an object's braces: the fields a related
    /// item shows (all but the live counters).
    public let summaryMembers: [UInt8]
    public let body: ArticleBody
    public let sources: SourceList
    public let comments: CommentAccess
    public let createdAt: Timestamp
    public let version: Int64
    public let commentCount: Int64
    public let views: Int64
    public let renderedRelated: RenderedRelated
}
