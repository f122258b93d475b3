/// An article as a client writes it (create, or the merged result of a patch), before the
/// rules are checked. Absent fields are nil or empty.
public struct ArticleInput: Sendable, Equatable {
    public var slug: String?
    public var title: String?
    public var summary: String?
    public var body: [Block] = []
    public var hero: HeroImage?
    public var author: String?
    public var sources: [CitedSource] = []
    /// The category's slug or id.
    public var category: String?
    /// Tag names or slugs; unknown ones are created.
    public var tags: [String] = []
    public var status: ArticleStatus?
    public var publishedAt: Timestamp?
    /// Whether readers may comment; open when absent.
    public var comments: CommentAccess?
    /// Fields the client sent that could not be read (wrong type, unknown name). They are
    /// reported together with the rule violations, so one 422 lists every problem.
    public var readErrors: [FieldError] = []

    public init() {}
}

/// A category or tag as a client writes it. For updates, `description` distinguishes "leave
/// as is" (nil) from "remove" (`.some(nil)`).
public struct TermInput: Sendable, Equatable {
    public var name: String?
    public var slug: String?
    public var description: String??

    public init(name: String? = nil, slug: String? = nil, description: String?? = nil) {
        self.name = name
        self.slug = slug
        self.description = description
    }
}
