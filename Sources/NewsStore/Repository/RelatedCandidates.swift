import SQLite

/// The reads behind a detail's `related` list (see `RelatedSelector` for the rules): the
/// editors' links, and the public articles that could be suggested after them (the article's
/// own tags come with its row). Each one is a walk down an index that stops after a few rows,
/// so choosing costs the same in an archive of any size, however popular a tag is.
struct RelatedCandidates {
    /// The editors' links in their order, whatever their status: one range of the links'
    /// primary key, no linked article's row (see `RelatedSelection.linked`).
    func links(ofArticle id: Int64, in db: Connection) throws -> [Int64] {
        try db.withStatement("SELECT r.related_id FROM related_articles r WHERE r.article_id = ? ORDER BY r.position") { statement in
            try statement.bind(id, at: 1)
            return try statement.mapRows { $0.int64(at: 0) }
        }
    }

    /// An article that could be suggested, with its listing time.
    struct Candidate: Equatable, Sendable {
        let id: Int64
        let sortAt: Int64
    }

    /// Where suggestions come from: the articles of one tag or of one category.
    enum Source: Hashable, Sendable {
        case tag(Int64)
        case category(Int64)
    }

    /// The newest `limit` articles of `source` that are public at `now`, newest first (by
    /// listing time, then id).
    func newestPublic(_ source: Source, publicAt now: Timestamp, limit: Int, in db: Connection) throws -> [Candidate] {
        // A tag's articles are its link rows (which copy their article's status and listing
        // time, for this walk); a category's are the articles themselves.
        let (table, alias, articleID, keyColumn, key): (String, String, String, String, Int64) =
            switch source {
            case .tag(let tagID): ("article_tags", "l", "l.article_id", "l.tag_id", tagID)
            case .category(let categoryID): ("articles", "a", "a.id", "a.category_id", categoryID)
            }
        let sql = """
            SELECT \(articleID), \(alias).sort_at FROM \(table) \(alias)
            WHERE \(keyColumn) = ?1 AND \(PublicArticles.condition(alias, now: "?2"))
            ORDER BY \(alias).sort_at DESC, \(articleID) DESC
            LIMIT ?3
            """
        return try db.withStatement(sql) { statement in
            try statement.bind([.integer(key), .integer(now.milliseconds), .integer(Int64(limit))])
            var found: [Candidate] = []
            found.reserveCapacity(limit)
            while try statement.step() {
                found.append(Candidate(id: statement.int64(at: 0), sortAt: statement.int64(at: 1)))
            }
            return found
        }
    }
}
