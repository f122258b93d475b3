/// The result of looking an article up by id or slug.
public enum ArticleLookup: Sendable, Equatable {
    case found(Article)
    /// The slug is an old one; the article now lives at `slug`.
    case moved(id: Int64, slug: String)
}
