import SQLite

/// Full-text search over the `article_search` index (see migrations/0002_search.sql).
///
/// In steps, so that the expensive parts run only for the page shown: the first statement
/// ranks every public hit (see `SearchRanking`) but reads only ids, and article fields from
/// the small `articles_search_filter` index rather than from the large table (SQLite sorts
/// what a statement returns; a snippet computed for each of thousands of hits would be
/// wasted); the next reads where the words are in the shown hits, and the last reads the shown
/// articles, whose titles and snippets are then marked. `SearchService` keeps the first two's
/// results for a while (`SearchRankingCache`).
struct SearchRepository {
    /// The most hits a search ranks: the newest (by id) that pass its filters. Ranking costs
    /// a few microseconds per hit, and a word in every article of a large archive would make
    /// each search rank them all; past a thousand hits a query is too broad for its ranks to
    /// mean much, while newer articles are what a news reader looks for. FTS5 walks its lists
    /// newest first and stops at this many, so the cost is bounded whatever the word. As many
    /// as the deepest page a cursor reaches (`SearchCursor.maximumOffset`): 2,000 ranked twice
    /// the hits for pages nobody could ask for, and a word found in most articles cost 8 ms of
    /// CPU, so four searches at once missed a 30 ms 99th percentile on 2 cores.
    static let rankingWindow = SearchCursor.maximumOffset

    /// The ids of the public hits of `request`'s terms and filters at `now`, best first: the
    /// ranking window, whose pages `page(_:of:in:)` cuts. Its cursor and limit play no part.
    ///
    /// The SQL text is the same for every request: a filter the request does not use is bound
    /// NULL, and the tags travel as one JSON array, so a statement cache of a few entries holds
    /// every search there can be (SQL that grew with the input would compile, and cache, a
    /// statement per combination).
    func ranking(_ request: SearchRequest, publicAt now: Timestamp, in db: Connection) throws -> [Int64] {
        var categoryID = SQLiteValue.null
        if let category = request.category {
            guard let id = try TermRepository(kind: .category).id(slug: category, in: db) else { return [] }
            categoryID = .integer(id)
        }
        var tagIDs: [Int64] = []
        for tag in request.tags {
            guard let id = try TermRepository(kind: .tag).id(slug: tag, in: db) else { return [] }
            tagIDs.append(id)
        }
        let parameters: [SQLiteValue] = [
            .text(request.terms.matchExpression), .integer(now.milliseconds), .text(request.terms.rankingPlan), categoryID,
            tagIDs.isEmpty ? .null : .text(IntegerList.json(tagIDs)),
            request.since.map { .integer($0.milliseconds) } ?? .null, request.until.map { .integer($0.milliseconds) } ?? .null,
            .integer(Int64(Self.rankingWindow)),
        ]
        let filters = """
            article_search MATCH ?1 AND \(PublicArticles.condition("a", now: "?2"))
            AND (?4 IS NULL OR a.category_id = ?4)
            AND (?5 IS NULL OR NOT EXISTS (
                SELECT 1 FROM json_each(?5) wanted
                WHERE NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = wanted.value)))
            AND (?6 IS NULL OR a.sort_at >= ?6) AND (?7 IS NULL OR a.sort_at < ?7)
            """
        // One walk of the index, newest first: FTS5 yields the hits in rowid order, each is
        // scored as it passes, and the walk stops at the window's end; only then are the scored
        // rows sorted. (Finding the window's lowest id first, then walking again from there to
        // score, read every hit's positions twice.)
        return try db.withStatement(
            """
            SELECT id FROM (
                SELECT article_search.rowid AS id, a.sort_at AS sort_at,
                       \(SearchRanking.name)(article_search, ?3, a.sort_at, ?2) AS score
                FROM article_search
                CROSS JOIN articles a INDEXED BY articles_search_filter ON a.id = article_search.rowid
                WHERE \(filters)
                ORDER BY article_search.rowid DESC LIMIT ?8)
            ORDER BY score DESC, sort_at DESC, id DESC
            """
        ) { statement in
            try statement.bind(parameters)
            var ids: [Int64] = []
            while try statement.step() { ids.append(statement.int64(at: 0)) }
            return ids
        }
    }

    /// The page of `ranking` (from `ranking(_:publicAt:in:)`) that `request`'s cursor and limit
    /// ask for, and the marks it made for its hits. Hits whose marks are in `knownMarks` (kept
    /// from an earlier search of the same ranking) are neither matched nor marked again.
    func page(
        _ request: SearchRequest, of ranking: [Int64], knownMarks: [Int64: SearchPage.Marks] = [:], in db: Connection
    ) throws -> (page: SearchPage, marked: [Int64: SearchPage.Marks]) {
        let offset = min(request.cursor?.offset ?? 0, ranking.count)
        let shown = Array(ranking[offset..<min(offset + request.limit, ranking.count)])
        let unknown = shown.filter { knownMarks[$0] == nil }
        let matches = unknown.isEmpty ? [:] : try self.matches(of: unknown, for: request.terms.matchExpression, in: db)
        let (hits, marked) = try self.hits(shown, knownMarks: knownMarks, matches: matches, in: db)
        let next = ranking.count > offset + request.limit ? SearchCursor(offset: offset + request.limit) : nil
        return (SearchPage(hits: hits, nextCursor: next), marked)
    }

    /// The encoded phrase instances of each of `ids` (hits of `expression`), from one run of the
    /// MATCH: FTS5 reads the index once, walking its hits between the lowest and highest id
    /// asked for (all within the ranking window) and giving the instances of only those. A
    /// MATCH per hit would read the index again for each, the whole of it for every word a
    /// prefix stands for.
    ///
    /// The ids travel as one JSON array so that the statement is the same for every page. The
    /// `+` keeps SQLite from handing the `IN` to FTS5 as a rowid constraint, which it would
    /// answer with one MATCH per id.
    private func matches(of ids: [Int64], for expression: String, in db: Connection) throws -> [Int64: [UInt8]] {
        guard let lowest = ids.min(), let highest = ids.max() else { return [:] }
        return try db.withStatement(
            """
            SELECT article_search.rowid, \(SearchSchema.instancesFunction)(article_search)
            FROM article_search
            WHERE article_search MATCH ?1 AND article_search.rowid BETWEEN ?2 AND ?3
              AND +article_search.rowid IN (SELECT value FROM json_each(?4))
            """
        ) { statement in
            try statement.bind([.text(expression), .integer(lowest), .integer(highest), .text(IntegerList.json(ids))])
            var matches: [Int64: [UInt8]] = [:]
            while try statement.step() { matches[statement.int64(at: 0)] = statement.blob(at: 1) ?? [] }
            return matches
        }
    }

    /// The summary, marked title and snippet of each of `ids`, in that order, and the marks
    /// made for those not in `knownMarks`. The title and snippet are marked from the article's
    /// own columns and the row's phrase instances in `matches` (`MatchedColumn`), never by FTS5
    /// reading them again through its content view. The snippet comes from the summary when the
    /// words are there: it says what the article is about, and a snippet of the body means
    /// turning its JSON into text and splitting all of it into words.
    private func hits(
        _ ids: [Int64], knownMarks: [Int64: SearchPage.Marks], matches: [Int64: [UInt8]], in db: Connection
    ) throws -> (hits: [SearchPage.Hit], marked: [Int64: SearchPage.Marks]) {
        guard !ids.isEmpty else { return ([], [:]) }
        let row = Self.hitRow
        var marked: [Int64: SearchPage.Marks] = [:]
        let found = try db.withStatement(
            """
            SELECT \(row.sql)
            FROM articles a LEFT JOIN categories c ON c.id = a.category_id
            WHERE a.id IN (SELECT value FROM json_each(?1))
            """
        ) { statement in
            try statement.bind([.text(IntegerList.json(ids))])
            var found: [Int64: SearchPage.Hit] = [:]
            while try statement.step() {
                let article = row.columns.summary.read(statement)
                let marks: SearchPage.Marks
                if let known = knownMarks[article.id] {
                    marks = known
                } else {
                    marks = row.columns.marks(of: article, in: statement, matches: FullTextInstances(encoded: matches[article.id] ?? []))
                    marked[article.id] = marks
                }
                found[article.id] = SearchPage.Hit(article: article, title: marks.title, snippet: marks.snippet)
            }
            return found
        }
        return (ids.compactMap { found[$0] }, marked)
    }

    /// A hit's SELECT list: the summary and the stored body, read as text only when the summary
    /// has none of the words.
    private struct HitColumns {
        let summary: ArticleSummaryColumns
        let body: Int

        init(_ list: inout SelectList) {
            summary = ArticleSummaryColumns(&list)
            body = list.column("a.body")
        }

        func marks(of article: ArticleSummary, in row: Statement, matches instances: FullTextInstances) -> SearchPage.Marks {
            let title = MatchedColumn(text: article.title, column: 0, instances: instances)
            var snippet = MatchedColumn(text: article.summary ?? "", column: 1, instances: instances)
                .snippet(length: Self.snippetLength, ellipsis: Self.ellipsis)
            if !snippet.fragments.contains(where: \.isMatch) {
                let body = ArticleBody(storedJSON: row.blob(at: self.body) ?? []).plainText
                snippet = MatchedColumn(text: body, column: 2, instances: instances).snippet(length: Self.snippetLength, ellipsis: Self.ellipsis)
            }
            return SearchPage.Marks(title: title.highlighted(), snippet: snippet)
        }

        /// Words in a snippet, and what stands for the text left out around it.
        static let snippetLength = 32
        static let ellipsis = "…"
    }

    private static let hitRow: (sql: String, columns: HitColumns) = {
        var list = SelectList()
        let columns = HitColumns(&list)
        return (list.sql, columns)
    }()
}
