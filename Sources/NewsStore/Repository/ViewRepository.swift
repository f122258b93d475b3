import SQLite

/// The SQL of view counting: which article a view is for, adding counts to the day buckets
/// of `article_views` and to `articles.views`, and ranking a window's buckets.
struct ViewRepository {
    /// The id of the article `key` names (an id, a current slug, or a former one) when the
    /// public may see it at `now`: a primary-key lookup, two on a former slug.
    func publicArticleID(_ key: String, at now: Timestamp, in db: Connection) throws -> Int64? {
        let visible = PublicArticles.condition("a", now: "?2")
        func first(_ sql: String, _ key: SQLiteValue) throws -> Int64? {
            try db.withStatement(sql) { statement in
                try statement.bind([key, .integer(now.milliseconds)])
                return try statement.step() ? statement.int64(at: 0) : nil
            }
        }
        if let id = Int64(key), id > 0 {
            return try first("SELECT a.id FROM articles a WHERE a.id = ?1 AND \(visible)", .integer(id))
        }
        return try first("SELECT a.id FROM articles a WHERE a.slug = ?1 AND \(visible)", .text(key))
            ?? first(
                """
                SELECT a.id FROM slug_redirects r CROSS JOIN articles a ON a.id = r.article_id WHERE r.slug = ?1 AND \(visible)
                """, .text(key))
    }

    /// Adds `views` to the article's bucket for `day` and to its all-time total. An article
    /// deleted since its views were counted gets neither (the SELECT finds no row), rather
    /// than failing the whole flush on its foreign key.
    func add(_ views: Int64, toArticle id: Int64, onDay day: Int64, in db: Connection) throws {
        try db.withStatement(
            """
            INSERT INTO article_views (day, article_id, views) SELECT ?1, id, ?3 FROM articles WHERE id = ?2
            ON CONFLICT (day, article_id) DO UPDATE SET views = views + excluded.views
            """
        ) { statement in
            try statement.bind([.integer(day), .integer(id), .integer(views)])
            _ = try statement.executeUpdate()
        }
        // Neither `updated_at` nor `version`: a view does not change the article.
        try db.withStatement("UPDATE articles SET views = views + ?2 WHERE id = ?1") { statement in
            try statement.bind([.integer(id), .integer(views)])
            _ = try statement.executeUpdate()
        }
    }

    /// Deletes the buckets of the days before `day`.
    func deleteBuckets(before day: Int64, in db: Connection) throws {
        try db.withStatement("DELETE FROM article_views WHERE day < ?") { statement in
            try statement.bind(day, at: 1)
            _ = try statement.executeUpdate()
        }
    }

    /// The public articles with the most views in `buckets`, most first, then newest first.
    ///
    /// The subquery reads the window's days, a range of the table's (day, article) key, and
    /// sums each article's buckets, the oldest weighted by its share (in milliseconds of a
    /// day, so the arithmetic stays exact integers); each sum then finds its article by
    /// primary key. The grouping and the ranking sort what the window holds, never the whole
    /// archive: at most one row per article viewed in the last 30 days.
    func popular(
        in buckets: ViewBuckets, categoryID: Int64?, publicAt now: Timestamp, limit: Int, in db: Connection
    ) throws -> [PopularArticle] {
        try db.withStatement(
            """
            SELECT \(Self.popularRow.sql)
            FROM (
                SELECT article_id,
                       sum(CASE WHEN day = ?1 THEN views * ?3 ELSE views * ?4 END) / ?4 AS views_in_window
                FROM article_views
                WHERE day BETWEEN ?1 AND ?2
                GROUP BY article_id
            ) v
            CROSS JOIN articles a ON a.id = v.article_id
            LEFT JOIN categories c ON c.id = a.category_id
            WHERE v.views_in_window > 0 AND \(PublicArticles.condition("a", now: "?5"))
              AND (?6 IS NULL OR a.category_id = ?6)
            ORDER BY v.views_in_window DESC, a.sort_at DESC, a.id DESC
            LIMIT ?7
            """
        ) { statement in
            try statement.bind([
                .integer(buckets.oldestDay), .integer(buckets.newestDay), .integer(buckets.oldestDayShare),
                .integer(Timestamp.millisecondsPerDay), .integer(now.milliseconds), categoryID.map(SQLiteValue.integer) ?? .null,
                .integer(Int64(limit)),
            ])
            let columns = Self.popularRow
            return try statement.mapRows { row in
                PopularArticle(summary: columns.summary.read(row), viewsInWindow: row.int64(at: columns.viewsInWindow))
            }
        }
    }

    private static let popularRow: (sql: String, summary: ArticleSummaryColumns, viewsInWindow: Int) = {
        var list = SelectList()
        let summary = ArticleSummaryColumns(&list)
        let viewsInWindow = list.column("v.views_in_window")
        return (list.sql, summary, viewsInWindow)
    }()
}
