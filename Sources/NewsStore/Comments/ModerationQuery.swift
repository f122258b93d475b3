/// Which comments a moderator lists: every status or one, every article or one.
public struct ModerationQuery: Sendable, Equatable {
    public var status: CommentStatus?
    /// The article's id or slug.
    public var article: String?
    public var limit = 20
    public var cursor: Cursor?

    public init() {}
}
