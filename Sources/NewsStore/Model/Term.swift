/// A category or a tag. Both are named groupings of articles with the same shape and rules;
/// they differ in that an article has at most one category and any number of tags.
public struct Term: Sendable, Equatable {
    public let kind: TermKind
    public let id: Int64
    public var slug: String
    public var name: String
    public var description: String?
    /// Articles the public can see in this term.
    public var articleCount: Int
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        kind: TermKind, id: Int64, slug: String, name: String, description: String?, articleCount: Int,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.kind = kind
        self.id = id
        self.slug = slug
        self.name = name
        self.description = description
        self.articleCount = articleCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var reference: TermReference { TermReference(id: id, slug: slug, name: name) }
}

/// Which kind of term, and so which table and which article link.
public enum TermKind: String, Sendable, CaseIterable {
    case category
    case tag
}
