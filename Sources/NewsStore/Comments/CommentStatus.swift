/// Where a reader's comment is in moderation. Only `approved` comments are public.
public enum CommentStatus: String, Sendable, CaseIterable {
    /// Waiting for a moderator.
    case pending
    case approved
    case spam
    case trash
}
