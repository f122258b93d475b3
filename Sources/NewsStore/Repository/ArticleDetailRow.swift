import SQLite

/// The columns of an article that a reader's detail adds to its summary, and those that decide
/// whether readers may see it: what the service reads when the summary itself is kept
/// rendered (`SplicedArticle`). No text column is decoded and no term joined.
struct ArticleDetailRow {
    let id: Int64
    let status: ArticleStatus
    let publishedAt: Timestamp?
    let body: ArticleBody
    let sources: SourceList
    let comments: CommentAccess
    let createdAt: Timestamp
    let version: Int64
    let views: Int64
    let commentCount: Int64

    private struct Columns {
        let id: Int
        let status: Int
        let publishedAt: Int
        let body: Int
        let sources: Int
        let comments: Int
        let createdAt: Int
        let version: Int
        let views: Int
        let commentCount: Int

        init(_ list: inout SelectList) {
            id = list.column("a.id")
            status = list.column("a.status")
            publishedAt = list.column("a.published_at")
            body = list.column("a.body")
            sources = list.column("a.sources_json")
            comments = list.column("a.comments")
            createdAt = list.column("a.created_at")
            version = list.column("a.version")
            views = list.column("a.views")
            commentCount = list.column(ArticleSummaryColumns.commentCount)
        }

        func read(_ row: Statement) -> ArticleDetailRow {
            ArticleDetailRow(
                id: row.int64(at: id), status: row.articleStatus(at: status), publishedAt: row.timestamp(at: publishedAt),
                body: ArticleBody(storedJSON: row.blob(at: body) ?? []), sources: SourceList(storedJSON: row.blob(at: sources) ?? []),
                comments: row.string(at: comments).flatMap(CommentAccess.init(rawValue:)) ?? .open,
                createdAt: Timestamp(milliseconds: row.int64(at: createdAt)), version: row.int64(at: version), views: row.int64(at: views),
                commentCount: row.int64(at: commentCount))
        }
    }

    private static let row: (sql: String, columns: Columns) = {
        var list = SelectList()
        let columns = Columns(&list)
        return (list.sql, columns)
    }()

    private static let byIDSQL = "SELECT \(row.sql) FROM articles a WHERE a.id = ?"
    private static let bySlugSQL = "SELECT \(row.sql) FROM articles a WHERE a.slug = ?"

    /// The row of the article with id `id`, if there is one.
    static func read(id: Int64, in db: Connection) throws -> ArticleDetailRow? {
        try read(byIDSQL, .integer(id), in: db)
    }

    /// The row of the article whose current slug is `slug`, if there is one.
    static func read(slug: String, in db: Connection) throws -> ArticleDetailRow? {
        try read(bySlugSQL, .text(slug), in: db)
    }

    private static func read(_ sql: String, _ key: SQLiteValue, in db: Connection) throws -> ArticleDetailRow? {
        try db.withStatement(sql) { statement in
            try statement.bind(key, at: 1)
            return try statement.step() ? row.columns.read(statement) : nil
        }
    }

    /// Whether the public may see it at `now` (see `PublicArticles`).
    func isPublic(at now: Timestamp) -> Bool {
        PublicArticles.includes(status: status, publishedAt: publishedAt, at: now)
    }
}
