/// A page of an article's public comments.
public struct CommentListQuery: Sendable, Equatable {
    public var limit = 50
    public var cursor: Cursor?

    public init() {}

    /// As many as a listing takes.
    public static let limitRange = ArticleQuery.limitRange
}
