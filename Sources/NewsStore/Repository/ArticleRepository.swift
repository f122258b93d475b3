import JSON
import SQLite

/// Reads articles from SQLite. Every method takes the connection to use, so the service can
/// put several calls in one transaction (one snapshot for a read, all-or-nothing for a write).
/// All SQL binds its parameters; no value is ever spliced into SQL text.
///
/// Joins that start from a link table are written `CROSS JOIN`, which SQLite never reorders:
/// without statistics its planner may otherwise walk every published article and probe the
/// links, thousands of rows to find three.
struct ArticleRepository {
    /// Columns of an article summary, joined with its category; `summary(from:)` reads them.
    static let summaryColumns = """
        a.id, a.slug, a.title, a.summary, a.hero, a.author, a.status, a.published_at, a.updated_at,
        a.views, a.sort_at, c.id, c.slug, c.name, a.tags_json
        """

    /// Finds an article by id.
    func article(id: Int64, in db: Connection) throws -> Article? {
        try article(where: "a.id = ?", .integer(id), in: db)
    }

    /// Finds an article by its current slug.
    func article(slug: String, in db: Connection) throws -> Article? {
        try article(where: "a.slug = ?", .text(slug), in: db)
    }

    /// The current slug of the article that used to have `slug`, if any.
    func redirect(fromSlug slug: String, in db: Connection) throws -> (id: Int64, slug: String)? {
        try db.withStatement(
            """
            SELECT a.id, a.slug FROM slug_redirects r CROSS JOIN articles a ON a.id = r.article_id WHERE r.slug = ?
            """
        ) { statement in
            try statement.bind(slug, at: 1)
            return try statement.step() ? (statement.int64(at: 0), statement.string(at: 1)!) : nil
        }
    }

    private func article(where condition: String, _ key: SQLiteValue, in db: Connection) throws -> Article? {
        let found: Article? = try db.withStatement(
            """
            SELECT a.id, a.slug, a.title, a.summary, a.body, a.hero, a.author, a.status, a.published_at,
                   a.created_at, a.updated_at, a.views, a.version, c.id, c.slug, c.name, a.tags_json, a.sources_json
            FROM articles a LEFT JOIN categories c ON c.id = a.category_id
            WHERE \(condition)
            """
        ) { statement in
            try statement.bind(key, at: 1)
            guard try statement.step() else { return nil }
            return Article(
                id: statement.int64(at: 0), slug: statement.string(at: 1)!, title: statement.string(at: 2)!,
                summary: statement.string(at: 3), body: ArticleBody(storedJSON: statement.blob(at: 4) ?? []),
                hero: Self.image(statement.blob(at: 5)), author: statement.string(at: 6),
                sources: SourceList(storedJSON: statement.blob(at: 17) ?? []), category: Self.termReference(statement, at: 13),
                tags: TagList(storedJSON: statement.blob(at: 16) ?? []), status: ArticleStatus(rawValue: statement.string(at: 7)!) ?? .draft,
                publishedAt: Self.timestamp(statement, at: 8), createdAt: Timestamp(milliseconds: statement.int64(at: 9)),
                updatedAt: Timestamp(milliseconds: statement.int64(at: 10)), views: statement.int64(at: 11),
                version: statement.int64(at: 12), related: [])
        }
        return found
    }

    /// The article's related articles in the editors' order; only public ones unless
    /// `publicAt` is nil (an editor's view).
    func related(ofArticle id: Int64, publicAt now: Timestamp?, in db: Connection) throws -> [ArticleSummary] {
        let visibility = now == nil ? "" : "AND a.status = 'published' AND a.sort_at <= ?2"
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
            return try summaries(statement)
        }
    }

    /// The summaries of the articles `ids`, by id; only public ones unless `publicAt` is nil
    /// (an editor's view). There is one SQL text per number of ids, at most the editors'
    /// limit plus the suggestion count, so the statement cache stays small.
    ///
    /// `NOT INDEXED` leaves the planner only the id lookups: without statistics it would rather
    /// walk every public article in `articles_by_status` for the visibility terms (2 ms a read
    /// on 20,000 articles instead of a few µs).
    func summaries(ids: [Int64], publicAt now: Timestamp?, in db: Connection) throws -> [Int64: ArticleSummary] {
        guard !ids.isEmpty else { return [:] }
        let visibility = now == nil ? "" : "AND a.status = 'published' AND a.sort_at <= ?"
        return try db.withStatement(
            """
            SELECT \(Self.summaryColumns)
            FROM articles a NOT INDEXED LEFT JOIN categories c ON c.id = a.category_id
            WHERE a.id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ","))) \(visibility)
            """
        ) { statement in
            for (index, id) in ids.enumerated() { try statement.bind(id, at: index + 1) }
            if let now { try statement.bind(now.milliseconds, at: ids.count + 1) }
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
        let rows: [(summary: ArticleSummary, sortAt: Int64)] = try db.withStatement(listing.sql) { statement in
            try statement.bind(listing.parameters)
            var rows: [(ArticleSummary, Int64)] = []
            while try statement.step() {
                rows.append((Self.summary(from: statement), statement.int64(at: 10)))
            }
            return rows
        }
        // One row more than asked tells whether another page exists.
        let items = rows.prefix(query.limit)
        let summaries = items.map(\.summary)
        let next = rows.count > query.limit ? items.last.map { Cursor(order: query.order, sortAt: $0.sortAt, id: $0.summary.id) } : nil
        return ArticlePage(items: summaries, nextCursor: next)
    }

    private func summaries(_ statement: Statement) throws -> [ArticleSummary] {
        var result: [ArticleSummary] = []
        while try statement.step() { result.append(Self.summary(from: statement)) }
        return result
    }

    /// Reads `summaryColumns` from the current row.
    static func summary(from row: Statement) -> ArticleSummary {
        ArticleSummary(
            id: row.int64(at: 0), slug: row.string(at: 1)!, title: row.string(at: 2)!, summary: row.string(at: 3),
            hero: image(row.blob(at: 4)), author: row.string(at: 5), category: termReference(row, at: 11),
            tags: TagList(storedJSON: row.blob(at: 14) ?? []),
            status: ArticleStatus(rawValue: row.string(at: 6)!) ?? .draft, publishedAt: timestamp(row, at: 7),
            updatedAt: Timestamp(milliseconds: row.int64(at: 8)), views: row.int64(at: 9))
    }

    static func timestamp(_ row: Statement, at index: Int) -> Timestamp? {
        row.isNull(at: index) ? nil : Timestamp(milliseconds: row.int64(at: index))
    }

    static func termReference(_ row: Statement, at index: Int) -> TermReference? {
        row.isNull(at: index) ? nil : TermReference(id: row.int64(at: index), slug: row.string(at: index + 1)!, name: row.string(at: index + 2)!)
    }

    /// Decodes a stored hero image; what this module stored always decodes.
    static func image(_ json: [UInt8]?) -> HeroImage? {
        guard let json, let value = try? JSONParser.parse(json) else { return nil }
        var errors: [FieldError] = []
        return BlockCoding.decodeImage(value, at: "", errors: &errors)
    }
}
