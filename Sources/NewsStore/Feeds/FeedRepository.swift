import SQLite

/// The SQL of feeds and sitemaps: fixed texts, each prepared once per connection and reused
/// (the connection's statement cache), every value a parameter. Each is one walk of a listing
/// index in its order, bounded by `LIMIT`, or one pass over the public rows of such an index:
/// none sorts, none reads a table it does not need (see `FeedQueryPlanTests`).
///
/// Visibility is `PublicArticles.condition`, the one definition of public: drafts never appear,
/// and a scheduled article appears in the first rendering after its time.
struct FeedRepository {
    // MARK: Feeds

    /// A feed item's columns: a summary's, then the body (read last: it is the row's last
    /// column, and often in overflow pages).
    private static let itemRow: (sql: String, summary: ArticleSummaryColumns, body: Int) = {
        var list = SelectList()
        let summary = ArticleSummaryColumns(&list)
        let body = list.column("a.body")
        return (list.sql, summary, body)
    }()

    /// The newest public articles, walking `articles_by_status`.
    private static let newestSQL = """
        SELECT \(itemRow.sql)
        FROM articles a LEFT JOIN categories c ON c.id = a.category_id
        WHERE \(PublicArticles.condition("a", now: ":now"))
        ORDER BY a.sort_at DESC, a.id DESC
        LIMIT :limit
        """

    /// The newest public articles of category `:term`, walking `articles_by_category`.
    private static let newestInCategorySQL = """
        SELECT \(itemRow.sql)
        FROM articles a LEFT JOIN categories c ON c.id = a.category_id
        WHERE a.category_id = :term AND \(PublicArticles.condition("a", now: ":now"))
        ORDER BY a.sort_at DESC, a.id DESC
        LIMIT :limit
        """

    /// The newest public articles carrying tag `:term`, walking `article_tags_by_tag` (its rows
    /// carry copies of the status and time; `CROSS JOIN` keeps that order of the join).
    private static let newestWithTagSQL = """
        SELECT \(itemRow.sql)
        FROM article_tags d CROSS JOIN articles a ON a.id = d.article_id LEFT JOIN categories c ON c.id = a.category_id
        WHERE d.tag_id = :term AND \(PublicArticles.condition("d", now: ":now"))
        ORDER BY d.sort_at DESC, d.article_id DESC
        LIMIT :limit
        """

    /// The newest `limit` public articles at `now`, all or those of one term.
    func newest(in term: Term?, limit: Int, now: Timestamp, in db: Connection) throws -> [FeedArticle] {
        let sql =
            switch term?.kind {
            case nil: Self.newestSQL
            case .category: Self.newestInCategorySQL
            case .tag: Self.newestWithTagSQL
            }
        let row = Self.itemRow
        return try db.withStatement(sql) { statement in
            try statement.bind(now.milliseconds, named: ":now")
            try statement.bind(limit, named: ":limit")
            if let term { try statement.bind(term.id, named: ":term") }
            return try statement.mapRows {
                FeedArticle(summary: row.summary.read($0), body: ArticleBody(storedJSON: $0.blob(at: row.body) ?? []))
            }
        }
    }

    // MARK: Article sitemaps

    /// The public articles' times of change, oldest article first: one walk of
    /// `articles_by_status`'s public range, cut into pages as it goes. Oldest first, so that
    /// publishing adds to the last page only and the earlier files (and their `lastmod`) stay
    /// as they were.
    private static let articleChangesSQL = """
        SELECT a.updated_at
        FROM articles a
        WHERE \(PublicArticles.condition("a", now: ":now"))
        ORDER BY a.sort_at, a.id
        """

    /// Each page's number, size and newest change.
    func articleSitemapPages(size: Int, now: Timestamp, in db: Connection) throws -> [ArticleSitemapPage] {
        try db.withStatement(Self.articleChangesSQL) { statement in
            try statement.bind(now.milliseconds, named: ":now")
            var pages: [ArticleSitemapPage] = []
            while try statement.step() {
                let updatedAt = Timestamp(milliseconds: statement.int64(at: 0))
                if let last = pages.last, last.urlCount < size {
                    pages[pages.count - 1].urlCount += 1
                    pages[pages.count - 1].lastModified = max(last.lastModified, updatedAt)
                } else {
                    pages.append(ArticleSitemapPage(number: pages.count + 1, urlCount: 1, lastModified: updatedAt))
                }
            }
            return pages
        }
    }

    /// Page `:offset / :size` of the same order. The offset skips entries of the index alone
    /// (status, time and id are all in it); only the rows listed are read from the table.
    private static let articlePageSQL = """
        SELECT a.slug, a.updated_at
        FROM articles a
        WHERE \(PublicArticles.condition("a", now: ":now"))
        ORDER BY a.sort_at, a.id
        LIMIT :size OFFSET :offset
        """

    func articleSitemap(page number: Int, size: Int, now: Timestamp, in db: Connection) throws -> [SitemapArticle] {
        try db.withStatement(Self.articlePageSQL) { statement in
            try statement.bind(now.milliseconds, named: ":now")
            try statement.bind(size, named: ":size")
            try statement.bind((number - 1) * size, named: ":offset")
            return try statement.mapRows { SitemapArticle(slug: $0.string(at: 0)!, updatedAt: Timestamp(milliseconds: $0.int64(at: 1))) }
        }
    }

    // MARK: The sitemap of sections

    /// The newest public article's time: the first entry of `articles_by_status`'s public range.
    private static let newestPublicationSQL = """
        SELECT a.sort_at FROM articles a
        WHERE \(PublicArticles.condition("a", now: ":now"))
        ORDER BY a.sort_at DESC, a.id DESC
        LIMIT 1
        """

    func newestPublication(now: Timestamp, in db: Connection) throws -> Timestamp? {
        try db.withStatement(Self.newestPublicationSQL) { statement in
            try statement.bind(now.milliseconds, named: ":now")
            return try statement.step() ? Timestamp(milliseconds: statement.int64(at: 0)) : nil
        }
    }

    /// Every category and tag holding a public article, with its newest one's time (the first
    /// entry of the term's listing index): categories first, then tags, each newest first, so
    /// that a cut at `:limit` drops the tags that have been quiet longest.
    private static let sectionsSQL = """
        SELECT kind, slug, last FROM (
            SELECT 0 AS kind, t.slug AS slug,
                (SELECT x.sort_at FROM articles x WHERE x.category_id = t.id AND \(PublicArticles.condition("x", now: ":now"))
                 ORDER BY x.sort_at DESC LIMIT 1) AS last
            FROM categories t
            UNION ALL
            SELECT 1, t.slug,
                (SELECT x.sort_at FROM article_tags x WHERE x.tag_id = t.id AND \(PublicArticles.condition("x", now: ":now"))
                 ORDER BY x.sort_at DESC LIMIT 1)
            FROM tags t)
        WHERE last IS NOT NULL
        ORDER BY kind, last DESC, slug
        LIMIT :limit
        """

    func sections(limit: Int, now: Timestamp, in db: Connection) throws -> [SitemapTerm] {
        try db.withStatement(Self.sectionsSQL) { statement in
            try statement.bind(now.milliseconds, named: ":now")
            try statement.bind(limit, named: ":limit")
            return try statement.mapRows {
                SitemapTerm(
                    kind: $0.int(at: 0) == 0 ? .category : .tag, slug: $0.string(at: 1)!,
                    lastPublished: Timestamp(milliseconds: $0.int64(at: 2)))
            }
        }
    }

    // MARK: The news sitemap

    /// Public articles published after `:since`, newest first: one range of `articles_by_status`.
    private static let recentSQL = """
        SELECT a.slug, a.title, a.sort_at, a.updated_at
        FROM articles a
        WHERE \(PublicArticles.condition("a", now: ":now")) AND a.sort_at > :since
        ORDER BY a.sort_at DESC, a.id DESC
        LIMIT :limit
        """

    func recent(since: Timestamp, limit: Int, now: Timestamp, in db: Connection) throws -> [NewsSitemapArticle] {
        try db.withStatement(Self.recentSQL) { statement in
            try statement.bind(now.milliseconds, named: ":now")
            try statement.bind(since.milliseconds, named: ":since")
            try statement.bind(limit, named: ":limit")
            return try statement.mapRows {
                NewsSitemapArticle(
                    slug: $0.string(at: 0)!, title: $0.string(at: 1)!, publishedAt: Timestamp(milliseconds: $0.int64(at: 2)),
                    updatedAt: Timestamp(milliseconds: $0.int64(at: 3)))
            }
        }
    }

    /// Every SQL text above, for the query plan tests.
    static let allTexts = [
        newestSQL, newestInCategorySQL, newestWithTagSQL, articleChangesSQL, articlePageSQL, newestPublicationSQL, sectionsSQL, recentSQL,
    ]
}
