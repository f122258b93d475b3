/// One page of comments and where the next one starts (nil on the last page). The public list
/// runs in thread order (`Cursor.sortAt` is the thread), the moderation queue newest first
/// (`sortAt` is the creation time).
public struct CommentPage<Item: Sendable & Equatable>: Sendable, Equatable {
    public let items: [Item]
    public let nextCursor: Cursor?
}
