/// How an article names its category or a tag in responses.
public struct TermReference: Sendable, Equatable {
    public let id: Int64
    public let slug: String
    public let name: String

    public init(id: Int64, slug: String, name: String) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}
