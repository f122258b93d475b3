/// One page of comments and where the next one starts (nil on the last page). The public list
/// runs in thread order (`Cursor.sortAt` is the thread), the moderation queue newest first
/// (`sortAt` is the creation time).
public struct CommentPage<Item: Sendable & Equatable>: Sendable, Equatable {
    public let items: [Item]
    public let nextCursor: Cursor?
}

/// Which comments a moderator lists: every status or one, every article or one.
public struct ModerationQuery: Sendable, Equatable {
    public var status: CommentStatus?
    /// The article's id or slug.
    public var article: String?
    public var limit = 20
    public var cursor: Cursor?

    public init() {}
}

/// A page of an article's public comments.
public struct CommentListQuery: Sendable, Equatable {
    public var limit = 50
    public var cursor: Cursor?

    public init() {}

    /// As many as a listing takes.
    public static let limitRange = ArticleQuery.limitRange
}
