/// Which public articles a feed carries: all of them, or those of one category or one tag
/// (named by slug, as the reader's addresses name them).
public enum FeedScope: Sendable, Equatable {
    case all
    case category(slug: String)
    case tag(slug: String)
}
