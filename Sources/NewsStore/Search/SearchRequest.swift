/// One search: the reader's terms, the filters a listing also has, and which page.
public struct SearchRequest: Sendable, Equatable {
    public var terms: SearchTerms
    /// Category slug.
    public var category: String?
    /// Tag slugs; an article must carry all of them.
    public var tags: [String] = []
    /// Inclusive lower bound on `published_at`.
    public var since: Timestamp?
    /// Exclusive upper bound on `published_at`.
    public var until: Timestamp?
    public var limit = 20
    public var cursor: SearchCursor?

    public init(terms: SearchTerms) {
        self.terms = terms
    }
}
