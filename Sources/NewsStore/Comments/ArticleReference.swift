/// `{id, slug, title}` of an article, for lists that point at it.
public struct ArticleReference: Sendable, Equatable {
    public let id: Int64
    public let slug: String
    public let title: String
}
