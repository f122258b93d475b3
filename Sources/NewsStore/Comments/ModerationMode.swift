/// When a new comment becomes public.
public enum ModerationMode: String, Sendable, CaseIterable {
    /// Every comment waits for a moderator (`pending`).
    case pre
    /// A comment is approved at once, unless `CommentHold` holds it for a moderator.
    case post
}
