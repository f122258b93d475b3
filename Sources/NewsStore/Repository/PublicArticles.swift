import SQLite

/// The one definition of "public": an article the public may see at time `now` is `published`
/// and its publication time has come. A published article whose time is still to come is
/// scheduled: stored, listed to editors, invisible to readers until then.
///
/// Every query asks it through `condition(_:now:)`, and `Article.isPublic(at:)` through
/// `includes(status:publishedAt:at:)`. The SQL reads `sort_at` rather than `published_at`: the
/// writer sets `sort_at` to `published_at` for every published article (it falls back to
/// `created_at` only for articles never published), and `sort_at` is what the listing indexes
/// hold and what the tag and source links copy, so the same words work on all three tables.
///
/// Listings apply the time part as the upper end of their keyset range rather than as this
/// condition (see `ArticleListing`): one bound per end keeps their index walk a single range.
enum PublicArticles {
    /// The status every public article has.
    static let status = ArticleStatus.published

    /// SQL that is true for a public row: `row` is the alias of an `articles`, `article_tags` or
    /// `article_sources` row (the links carry copies of status and sort_at), `now` the SQL
    /// parameter (`?2`, `:now`) bound to the time of the request in milliseconds.
    static func condition(_ row: String, now: String) -> String {
        "\(row).status = '\(status.rawValue)' AND \(row).sort_at <= \(now)"
    }

    /// SQL that is true for a scheduled row: published, with a time after `now`.
    static func scheduledCondition(_ row: String, now: String) -> String {
        "\(row).status = '\(status.rawValue)' AND \(row).sort_at > \(now)"
    }

    /// The same rule on an article already read.
    static func includes(status: ArticleStatus, publishedAt: Timestamp?, at now: Timestamp) -> Bool {
        status == Self.status && (publishedAt.map { $0 <= now } ?? false)
    }

    /// When the next scheduled article becomes public (nil when none is scheduled): until
    /// then, and until the next write, what is public does not change.
    static func nextPublication(after now: Timestamp, in db: Connection) throws -> Timestamp? {
        try db.withStatement(
            """
            SELECT a.sort_at FROM articles a
            WHERE \(scheduledCondition("a", now: "?1"))
            ORDER BY a.sort_at
            LIMIT 1
            """
        ) { statement in
            try statement.bind(now.milliseconds, at: 1)
            return try statement.step() ? Timestamp(milliseconds: statement.int64(at: 0)) : nil
        }
    }
}
