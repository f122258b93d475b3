/// Which articles a listing wants, in which order, and from where.
public struct ArticleQuery: Sendable, Equatable {
    public enum Order: String, Sendable {
        /// `-published_at`: newest first, the default.
        case newestFirst = "-published_at"
        /// `published_at`: oldest first.
        case oldestFirst = "published_at"
    }

    /// Category slug.
    public var category: String?
    /// Tag slugs; an article must carry all of them. At most `maximumTags` different ones.
    public var tags: [String] = []
    public var author: String?
    /// Cited source name.
    public var source: String?
    /// Inclusive lower bound on `published_at`.
    public var since: Timestamp?
    /// Exclusive upper bound on `published_at`.
    public var until: Timestamp?
    public var order = Order.newestFirst
    public var limit = 20
    /// Where the previous page ended.
    public var cursor: Cursor?
    /// Which status to list; anything but `published` is for editors only.
    public var status = ArticleStatus.published

    public init() {}

    public static let limitRange = 1...100

    /// The most different tags a listing or a search may ask for together: enough for any
    /// reader's filter, few enough that no request makes a listing's work large.
    public static let maximumTags = 10

    /// Why a query with more tags is refused.
    public static let tooManyTags = "tag may name at most \(maximumTags) different tags."
}
