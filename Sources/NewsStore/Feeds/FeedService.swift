import SQLite

/// What feeds and sitemaps carry: public articles only, as readers see them at the time of the
/// request (a scheduled article appears once its time has come, a draft never). Each call
/// reads one snapshot on a pooled reader. Writing XML or JSON is the API layer's part.
public final class FeedService: Sendable {
    private let database: NewsDatabase
    private let clock: @Sendable () -> Timestamp
    private let repository = FeedRepository()

    /// Items a feed carries unless configured otherwise.
    public static let defaultItemCount = 50
    /// The item counts that may be configured: every item carries its whole body.
    public static let itemCounts = 1...500
    /// Addresses per article sitemap file (the protocol allows 50,000; smaller files are
    /// cheaper to render and to fetch again when one changes).
    public static let articleSitemapSize = 10_000
    /// Addresses the sitemap of sections lists at most: the protocol's limit, less the home page.
    public static let sectionSitemapLimit = 49_999
    /// Google News reads the articles of the last two days, at most 1,000 of them.
    public static let newsWindowMilliseconds: Int64 = 48 * 3_600_000
    public static let newsSitemapLimit = 1_000

    /// Addresses per article sitemap file.
    private let articleSitemapSize: Int

    /// `articleSitemapSize` other than the default only to see files cut without writing ten
    /// thousand articles.
    public init(
        database: NewsDatabase, clock: @escaping @Sendable () -> Timestamp = Timestamp.now,
        articleSitemapSize: Int = FeedService.articleSitemapSize
    ) {
        self.database = database
        self.clock = clock
        self.articleSitemapSize = max(1, articleSitemapSize)
    }

    /// The newest `limit` public articles of `scope`, newest first. A category or tag that does
    /// not exist, or that holds no public article (readers cannot open it either), is not found.
    public func feed(_ scope: FeedScope, limit: Int = FeedService.defaultItemCount) throws -> Feed {
        let now = clock()
        let limit = Self.itemCounts.clamp(limit)
        return try database.read { db in
            let term: Term?
            switch scope {
            case .all: term = nil
            case .category(let slug): term = try visibleTerm(.category, slug: slug, now: now, in: db)
            case .tag(let slug): term = try visibleTerm(.tag, slug: slug, now: now, in: db)
            }
            return Feed(term: term, items: try repository.newest(in: term, limit: limit, now: now, in: db))
        }
    }

    private func visibleTerm(_ kind: TermKind, slug: String, now: Timestamp, in db: Connection) throws -> Term {
        guard let term = try TermRepository(kind: kind).term(slug: slug, now: now, for: .reader, in: db) else {
            throw NewsStoreError.notFound(kind.rawValue)
        }
        return term
    }

    /// The sitemap index's files and their `lastmod`, from one snapshot.
    public func sitemapIndex() throws -> SitemapIndex {
        let now = clock()
        return try database.read { db in
            SitemapIndex(
                articlePages: try repository.articleSitemapPages(size: articleSitemapSize, now: now, in: db),
                sectionsLastModified: try repository.newestPublication(now: now, in: db),
                newsLastModified: try recent(now: now, in: db).map(\.updatedAt).max())
        }
    }

    /// The articles of article sitemap file `number` (from 1); empty past the last file.
    public func articleSitemap(page number: Int) throws -> [SitemapArticle] {
        guard number >= 1, number <= Int.max / articleSitemapSize else { return [] }
        let now = clock()
        return try database.read { db in try repository.articleSitemap(page: number, size: articleSitemapSize, now: now, in: db) }
    }

    /// The home page and every category and tag page holding a public article.
    public func sectionSitemap() throws -> SectionSitemap {
        let now = clock()
        return try database.read { db in
            SectionSitemap(
                homeLastPublished: try repository.newestPublication(now: now, in: db),
                terms: try repository.sections(limit: Self.sectionSitemapLimit, now: now, in: db))
        }
    }

    /// Public articles published in the last 48 hours, newest first, at most 1,000.
    public func newsSitemap() throws -> [NewsSitemapArticle] {
        let now = clock()
        return try database.read { db in try recent(now: now, in: db) }
    }

    private func recent(now: Timestamp, in db: Connection) throws -> [NewsSitemapArticle] {
        let since = Timestamp(milliseconds: now.milliseconds - Self.newsWindowMilliseconds)
        return try repository.recent(since: since, limit: Self.newsSitemapLimit, now: now, in: db)
    }
}
