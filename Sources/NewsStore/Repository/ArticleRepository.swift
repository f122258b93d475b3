import SQLite

/// Reads articles from SQLite. Every method takes the connection to use, so the service can
/// put several calls in one transaction (one snapshot for a read, all-or-nothing for a write).
/// All SQL binds its parameters; no value is ever spliced into SQL text.
///
/// Joins that start from a link table are written `CROSS JOIN`, which SQLite never reorders:
/// without statistics its planner may otherwise walk every published article and probe the
/// links, thousands of rows to find three.
struct ArticleRepository {
    /// A summary's SELECT list and its reader; statements that select more put theirs after.
    private static let summaryRow: (sql: String, columns: ArticleSummaryColumns) = {
        var list = SelectList()
        let columns = ArticleSummaryColumns(&list)
        return (list.sql, columns)
    }()

    /// The columns of an article summary, joined with its category; `summary(from:)` reads them.
    static var summaryColumns: String { summaryRow.sql }

    /// Reads `summaryColumns` from the current row.
    static func summary(from row: Statement) -> ArticleSummary {
        summaryRow.columns.read(row)
    }

    /// The columns of a whole article, with its category.
    private struct ArticleColumns {
        let id: Int
        let slug: Int
        let title: Int
        let summary: Int
        let body: Int
        let hero: Int
        let author: Int
        let status: Int
        let publishedAt: Int
        let createdAt: Int
        let updatedAt: Int
        let views: Int
        let version: Int
        let category: TermReferenceColumns
        let tags: Int
        let sources: Int
        let comments: Int
        let commentCount: Int
        let createdBy: Int

        init(_ list: inout SelectList) {
            id = list.column("a.id")
            slug = list.column("a.slug")
            title = list.column("a.title")
            summary = list.column("a.summary")
            body = list.column("a.body")
            hero = list.column("a.hero")
            author = list.column("a.author")
            status = list.column("a.status")
            publishedAt = list.column("a.published_at")
            createdAt = list.column("a.created_at")
            updatedAt = list.column("a.updated_at")
            views = list.column("a.views")
            version = list.column("a.version")
            category = TermReferenceColumns(&list, table: "c")
            tags = list.column("a.tags_json")
            sources = list.column("a.sources_json")
            comments = list.column("a.comments")
            commentCount = list.column(ArticleSummaryColumns.commentCount)
            createdBy = list.column("a.created_by")
        }

        func read(_ row: Statement) -> Article {
            Article(
                id: row.int64(at: id), slug: row.string(at: slug)!, title: row.string(at: title)!, summary: row.string(at: summary),
                body: ArticleBody(storedJSON: row.blob(at: body) ?? []), hero: row.heroImage(at: hero), author: row.string(at: author),
                sources: SourceList(storedJSON: row.blob(at: sources) ?? []), category: category.readOptional(row),
                tags: TagList(storedJSON: row.blob(at: tags) ?? []), status: row.articleStatus(at: status),
                publishedAt: row.timestamp(at: publishedAt), createdAt: Timestamp(milliseconds: row.int64(at: createdAt)),
                updatedAt: Timestamp(milliseconds: row.int64(at: updatedAt)), views: row.int64(at: views),
                version: row.int64(at: version), related: [],
                comments: row.string(at: comments).flatMap(CommentAccess.init(rawValue:)) ?? .open, commentCount: row.int64(at: commentCount),
                createdBy: row.string(at: createdBy))
        }
    }

    private static let articleRow: (sql: String, columns: ArticleColumns) = {
        var list = SelectList()
        let columns = ArticleColumns(&list)
        return (list.sql, columns)
    }()

    /// The SELECT of one whole article, by id and by slug: built once, not on every read
    /// (a detail read spent ~2% of its instructions writing its SQL text anew).
    private static let articleByIDSQL = articleSQL(where: "a.id = ?")
    private static let articleBySlugSQL = articleSQL(where: "a.slug = ?")

    private static func articleSQL(where condition: String) -> String {
        "SELECT \(articleRow.sql) FROM articles a LEFT JOIN categories c ON c.id = a.category_id WHERE \(condition)"
    }

    /// Finds an article by id.
    func article(id: Int64, in db: Connection) throws -> Article? {
        try article(Self.articleByIDSQL, .integer(id), in: db)
    }

    /// Finds an article by its current slug.
    func article(slug: String, in db: Connection) throws -> Article? {
        try article(Self.articleBySlugSQL, .text(slug), in: db)
    }

    private static let redirectRow: (sql: String, id: Int, slug: Int) = {
        var list = SelectList()
        let id = list.column("a.id")
        let slug = list.column("a.slug")
        return (list.sql, id, slug)
    }()

    /// The current slug of the article that used to have `slug`, if any.
    func redirect(fromSlug slug: String, in db: Connection) throws -> (id: Int64, slug: String)? {
        let row = Self.redirectRow
        return try db.withStatement(
            "SELECT \(row.sql) FROM slug_redirects r CROSS JOIN articles a ON a.id = r.article_id WHERE r.slug = ?"
        ) { statement in
            try statement.bind(slug, at: 1)
            return try statement.step() ? (statement.int64(at: row.id), statement.string(at: row.slug)!) : nil
        }
    }

    private func article(_ sql: String, _ key: SQLiteValue, in db: Connection) throws -> Article? {
        try db.withStatement(sql) { statement in
            try statement.bind(key, at: 1)
            return try statement.step() ? Self.articleRow.columns.read(statement) : nil
        }
    }

    /// The article's related articles in the editors' order; only public ones unless
    /// `publicAt` is nil (an editor's view).
    func related(ofArticle id: Int64, publicAt now: Timestamp?, in db: Connection) throws -> [ArticleSummary] {
        let visibility = now == nil ? "" : "AND \(PublicArticles.condition("a", now: "?2"))"
        return try db.withStatement(
            """
            SELECT \(Self.summaryColumns)
            FROM related_articles r CROSS JOIN articles a ON a.id = r.related_id
            LEFT JOIN categories c ON c.id = a.category_id
            WHERE r.article_id = ?1 \(visibility)
            ORDER BY r.position
            """
        ) { statement in
            try statement.bind(id, at: 1)
            if let now { try statement.bind(now.milliseconds, at: 2) }
            return try statement.mapRows(Self.summary(from:))
        }
    }

    /// The summaries of the articles `ids`, by id; only public ones unless `publicAt` is nil
    /// (an editor's view). The ids go in as one JSON array, so there is one SQL text whatever
    /// their number.
    ///
    /// `NOT INDEXED` leaves the planner only the id lookups: without statistics it would rather
    /// walk every public article in `articles_by_status` for the visibility terms (2 ms a read
    /// on 20,000 articles instead of a few µs).
    func summaries(ids: [Int64], publicAt now: Timestamp?, in db: Connection) throws -> [Int64: ArticleSummary] {
        guard !ids.isEmpty else { return [:] }
        let visibility = now == nil ? "" : "AND \(PublicArticles.condition("a", now: "?2"))"
        return try db.withStatement(
            """
            SELECT \(Self.summaryColumns)
            FROM articles a NOT INDEXED LEFT JOIN categories c ON c.id = a.category_id
            WHERE a.id IN (SELECT value FROM json_each(?1)) \(visibility)
            """
        ) { statement in
            try statement.bind(IntegerList.json(ids), at: 1)
            if let now { try statement.bind(now.milliseconds, at: 2) }
            var found: [Int64: ArticleSummary] = [:]
            while try statement.step() {
                let summary = Self.summary(from: statement)
                found[summary.id] = summary
            }
            return found
        }
    }

    /// One page of a listing; see `ArticleListing` for how the SQL is chosen.
    func page(_ query: ArticleQuery, publicAt now: Timestamp?, in db: Connection) throws -> ArticlePage {
        guard let listing = try ArticleListing(query, publicAt: now, in: db) else {
            return ArticlePage(items: [], nextCursor: nil)
        }
        let columns = Self.summaryRow.columns
        let rows: [(summary: ArticleSummary, sortAt: Int64)] = try db.withStatement(listing.sql) { statement in
            try statement.bind(listing.parameters)
            var rows: [(ArticleSummary, Int64)] = []
            while try statement.step() {
                rows.append((columns.read(statement), statement.int64(at: columns.sortAt)))
            }
            return rows
        }
        // One row more than asked tells whether another page exists.
        let items = rows.prefix(query.limit)
        let summaries = items.map(\.summary)
        let next = rows.count > query.limit ? items.last.map { Cursor(order: query.order, sortAt: $0.sortAt, id: $0.summary.id) } : nil
        return ArticlePage(items: summaries, nextCursor: next)
    }
}
