import SQLite

/// Full-text search over the `article_search` index (see migrations/0002_search.sql).
///
/// Two steps, so that the expensive parts run only for the page shown: the first statement
/// ranks every public hit (see `SearchRanking`) but reads only ids, and article fields from
/// the small `articles_search_filter` index rather than from the large table (SQLite sorts
/// what a statement returns; a snippet computed for each of thousands of hits would be
/// wasted); the second reads the shown articles' summaries, marked titles and snippets.
struct SearchRepository {
    /// The most hits a search ranks: the newest (by id) that pass its filters. Ranking costs
    /// about a microsecond per hit, and a word in every article of a large archive would make
    /// each search rank them all; past a few thousand hits a query is too broad for its ranks
    /// to mean much, while newer articles are what a news reader looks for. FTS5 walks its
    /// lists newest first and stops at this many, so the cost is bounded whatever the word.
    static let rankingWindow = 2_000

    /// One page of public hits for `request`, as seen at `now`.
    func search(_ request: SearchRequest, publicAt now: Timestamp, in db: Connection) throws -> SearchPage {
        let expression = request.terms.matchExpression
        var parameters: [SQLiteValue] = [.text(expression), .integer(now.milliseconds), .text(request.terms.rankingPlan)]
        func parameter(_ value: SQLiteValue) -> String {
            parameters.append(value)
            return "?\(parameters.count)"
        }
        var conditions = ["article_search MATCH ?1", PublicArticles.condition("a", now: "?2")]
        if let category = request.category {
            guard let id = try TermRepository(kind: .category).id(slug: category, in: db) else { return SearchPage(hits: [], nextCursor: nil) }
            conditions.append("a.category_id = \(parameter(.integer(id)))")
        }
        for tag in request.tags {
            guard let id = try TermRepository(kind: .tag).id(slug: tag, in: db) else { return SearchPage(hits: [], nextCursor: nil) }
            conditions.append("EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = \(parameter(.integer(id))))")
        }
        if let since = request.since { conditions.append("a.sort_at >= \(parameter(.integer(since.milliseconds)))") }
        if let until = request.until { conditions.append("a.sort_at < \(parameter(.integer(until.milliseconds)))") }
        let filters = conditions.joined(separator: " AND ")
        let offset = request.cursor?.offset ?? 0
        // One more than asked tells whether another page exists.
        let limit = parameter(.integer(Int64(request.limit + 1)))
        let skip = parameter(.integer(Int64(offset)))
        let window = parameter(.integer(Int64(Self.rankingWindow)))
        let ids: [Int64] = try db.withStatement(
            """
            SELECT article_search.rowid FROM article_search
            CROSS JOIN articles a INDEXED BY articles_search_filter ON a.id = article_search.rowid
            WHERE \(filters) AND article_search.rowid >= (
                SELECT min(id) FROM (
                    SELECT article_search.rowid AS id FROM article_search
                    CROSS JOIN articles a INDEXED BY articles_search_filter ON a.id = article_search.rowid
                    WHERE \(filters)
                    ORDER BY article_search.rowid DESC LIMIT \(window)))
            ORDER BY \(SearchRanking.name)(article_search, ?3, a.sort_at, ?2) DESC, a.sort_at DESC, a.id DESC
            LIMIT \(limit) OFFSET \(skip)
            """
        ) { statement in
            try statement.bind(parameters)
            var ids: [Int64] = []
            while try statement.step() { ids.append(statement.int64(at: 0)) }
            return ids
        }
        let shown = Array(ids.prefix(request.limit))
        let hits = try self.hits(shown, matching: expression, in: db)
        let next = ids.count > request.limit ? SearchCursor(offset: offset + request.limit) : nil
        return SearchPage(hits: hits, nextCursor: next)
    }

    /// The summary, marked title and snippet of each ranked hit in `ids`, in that order, from
    /// one run of the MATCH: FTS5 reads the index once for the page, walking its hits between
    /// the lowest and highest id shown (all within the ranking window) and marking only those
    /// shown. A MATCH per hit would read the index again for each, the whole of it for every
    /// word a prefix stands for.
    ///
    /// The ids travel as one JSON array so that the statement is the same for every page. The
    /// `+` keeps SQLite from handing the `IN` to FTS5 as a rowid constraint, which it would
    /// answer with one MATCH per id.
    ///
    /// The snippet comes from the summary when the words are there: it says what the article
    /// is about, and cutting a snippet means reading and analyzing the whole column, which for
    /// the body is most of a search's cost (a few hundred microseconds a hit).
    private func hits(_ ids: [Int64], matching expression: String, in db: Connection) throws -> [SearchPage.Hit] {
        guard let lowest = ids.min(), let highest = ids.max() else { return [] }
        let found = try db.withStatement(
            """
            SELECT \(ArticleRepository.summaryColumns),
                   highlight(article_search, 0, char(2), char(3)),
                   CASE WHEN instr(snippet(article_search, 1, char(2), char(3), '…', 32), char(2)) > 0
                        THEN snippet(article_search, 1, char(2), char(3), '…', 32)
                        ELSE snippet(article_search, 2, char(2), char(3), '…', 32) END
            FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid
            LEFT JOIN categories c ON c.id = a.category_id
            WHERE article_search MATCH ?1 AND article_search.rowid BETWEEN ?2 AND ?3
              AND +article_search.rowid IN (SELECT value FROM json_each(?4))
            """
        ) { statement in
            try statement.bind([
                .text(expression), .integer(lowest), .integer(highest), .text("[" + ids.map(String.init).joined(separator: ",") + "]"),
            ])
            var found: [Int64: SearchPage.Hit] = [:]
            while try statement.step() {
                let hit = SearchPage.Hit(
                    article: ArticleRepository.summary(from: statement),
                    title: MarkedText(marked: statement.string(at: 15) ?? ""),
                    snippet: MarkedText(marked: statement.string(at: 16) ?? ""))
                found[hit.article.id] = hit
            }
            return found
        }
        return ids.compactMap { found[$0] }
    }
}
