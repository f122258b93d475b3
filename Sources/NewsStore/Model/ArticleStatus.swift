/// Where an article is in its life. Only `published` articles whose publication time has come
/// are visible to the public; a published article with a future `published_at` is scheduled.
public enum ArticleStatus: String, Sendable, CaseIterable {
    case draft
    case published
    case archived
}
