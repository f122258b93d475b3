/// The events NewsStore announces to the outside; a webhook subscription names those it
/// wants. Adding an event is a case here and one `Outbox.append` where its write commits.
public enum EventType: String, CaseIterable, Sendable {
    /// An article became public: published now, or a scheduled article whose time came.
    case articlePublished = "article.published"
    /// A public article changed and is still public.
    case articleUpdated = "article.updated"
    /// A public article stopped being public (back to draft, archived, or rescheduled).
    case articleUnpublished = "article.unpublished"
    /// A public article was deleted.
    case articleDeleted = "article.deleted"
    /// A reader sent a comment (in whatever status moderation gave it).
    case commentCreated = "comment.created"
    /// A comment became approved: by a moderator, or at once under post-moderation.
    case commentApproved = "comment.approved"
}
