/// Whether readers may comment on an article: the article's `comments` field.
public enum CommentAccess: String, Sendable, CaseIterable {
    case open
    case closed
}
