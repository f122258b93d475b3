import SQLite

/// The SQL for one page of an article listing.
///
/// Every listing is a walk down one index in (status, sort_at, id) order that stops after
/// `limit + 1` rows: the tag index when tags are asked for, the source index for a source, and
/// otherwise the article indexes by category, author or status. Other filters are checked on
/// the rows the walk meets.
///
/// The SQL text depends only on the index walked and the direction: ten texts in all, however
/// the request combines its filters. Every value is a parameter; a filter the request does not
/// use is bound NULL (`?n IS NULL OR …`); the tags after the first go in as one JSON array; and
/// the cursor, `since`, `until` and the publication time are narrowed to one open range of
/// (sort_at, id) keys, so the walk has one lower and one upper bound on its index and a page
/// deep in a category costs what the first page costs. A request can neither make the server
/// compile a new statement nor make one larger.
struct ArticleListing {
    let sql: String
    let parameters: [SQLiteValue]

    /// The index a listing walks.
    enum Walk: CaseIterable {
        /// `article_tags_by_tag`, for the first tag asked for.
        case tag
        /// `article_sources_by_name`.
        case source
        /// `articles_by_category`.
        case category
        /// `articles_by_author`.
        case author
        /// `articles_by_status`: no filter beyond the status and times.
        case status
    }

    /// The parameters, numbered alike in every text.
    private enum Parameter: Int, CaseIterable {
        case status = 1
        case afterSortAt, afterID, beforeSortAt, beforeID
        case firstTag, category, author, source
        /// A JSON array of the other tags' ids.
        case otherTags
        case limit

        var sql: String { "?\(rawValue)" }
    }

    /// Nil when a named category or tag does not exist: the listing is empty.
    init?(_ query: ArticleQuery, publicAt now: Timestamp?, in db: Connection) throws {
        var categoryID: Int64?
        if let category = query.category {
            guard let id = try TermRepository(kind: .category).id(slug: category, in: db) else { return nil }
            categoryID = id
        }
        var tagIDs: [Int64] = []
        for tag in query.tags {
            guard let id = try TermRepository(kind: .tag).id(slug: tag, in: db) else { return nil }
            if !tagIDs.contains(id) { tagIDs.append(id) }
        }
        let walk: Walk
        if !tagIDs.isEmpty {
            walk = .tag
        } else if query.source != nil {
            walk = .source
        } else if categoryID != nil {
            walk = .category
        } else if query.author != nil {
            walk = .author
        } else {
            walk = .status
        }

        // Each bound as an exclusive (sort_at, id) key. Ids are positive, so keys below
        // (t + 1, min) are those with sort_at <= t, and keys above (t - 1, max) those with
        // sort_at >= t. For readers, `now` is the time part of `PublicArticles` (the service
        // has set the status part).
        var range = KeyRange()
        if let now, now.milliseconds < .max { range.narrow(before: (now.milliseconds + 1, .min)) }
        if let since = query.since, since.milliseconds > .min { range.narrow(after: (since.milliseconds - 1, .max)) }
        if let until = query.until { range.narrow(before: (until.milliseconds, .min)) }
        if let cursor = query.cursor {
            if query.order == .newestFirst {
                range.narrow(before: (cursor.sortAt, cursor.id))
            } else {
                range.narrow(after: (cursor.sortAt, cursor.id))
            }
        }

        var values = [SQLiteValue](repeating: .null, count: Parameter.allCases.count)
        func set(_ parameter: Parameter, _ value: SQLiteValue) { values[parameter.rawValue - 1] = value }
        set(.status, .text(query.status.rawValue))
        set(.afterSortAt, .integer(range.after.sortAt))
        set(.afterID, .integer(range.after.id))
        set(.beforeSortAt, .integer(range.before.sortAt))
        set(.beforeID, .integer(range.before.id))
        if let first = tagIDs.first { set(.firstTag, .integer(first)) }
        if let categoryID { set(.category, .integer(categoryID)) }
        if let author = query.author { set(.author, .text(author)) }
        if let source = query.source { set(.source, .text(source)) }
        if tagIDs.count > 1 { set(.otherTags, .text(IntegerList.json(tagIDs.dropFirst()))) }
        set(.limit, .integer(Int64(query.limit + 1)))
        sql = Self.texts[Shape(walk: walk, order: query.order)]!
        parameters = values
    }

    /// A listing's (sort_at, id) keys lie strictly between `after` and `before`.
    private struct KeyRange {
        var after: (sortAt: Int64, id: Int64) = (.min, .min)
        var before: (sortAt: Int64, id: Int64) = (.max, .max)

        mutating func narrow(after key: (Int64, Int64)) {
            if key > after { after = key }
        }

        mutating func narrow(before key: (Int64, Int64)) {
            if key < before { before = key }
        }
    }

    private struct Shape: Hashable {
        let walk: Walk
        let order: ArticleQuery.Order
    }

    /// Every listing's SQL, written once.
    private static let texts: [Shape: String] = {
        var texts: [Shape: String] = [:]
        for walk in Walk.allCases {
            for order in [ArticleQuery.Order.newestFirst, .oldestFirst] {
                texts[Shape(walk: walk, order: order)] = text(walk, order)
            }
        }
        return texts
    }()

    /// Every SQL text a listing can use, for tests.
    static var allTexts: [String] { Array(texts.values) }

    private static func text(_ walk: Walk, _ order: ArticleQuery.Order) -> String {
        typealias P = Parameter
        let category = "(\(P.category.sql) IS NULL OR a.category_id = \(P.category.sql))"
        let author = "(\(P.author.sql) IS NULL OR a.author = \(P.author.sql))"
        // `+s.name` keeps the planner on the article's own few source rows (the primary key)
        // instead of walking every article that cites the source.
        let source = """
            (\(P.source.sql) IS NULL OR EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id AND +s.name = \(P.source.sql)))
            """
        let otherTags = """
            (\(P.otherTags.sql) IS NULL OR (SELECT count(*) FROM article_tags t WHERE t.article_id = a.id \
            AND t.tag_id IN (SELECT value FROM json_each(\(P.otherTags.sql)))) = json_array_length(\(P.otherTags.sql)))
            """
        // The table walked (`d`, a link table, or `a` itself), its id column, and the conditions
        // that pick the index; the filters are the ones a listing on this walk may still add.
        let from: String
        let d: String
        let idColumn: String
        var conditions: [String]
        let filters: [String]
        switch walk {
        case .tag:
            (from, d, idColumn) = ("article_tags d CROSS JOIN articles a ON a.id = d.article_id", "d", "d.article_id")
            conditions = ["d.tag_id = \(P.firstTag.sql)"]
            filters = [category, author, source, otherTags]
        case .source:
            (from, d, idColumn) = ("article_sources d CROSS JOIN articles a ON a.id = d.article_id", "d", "d.article_id")
            conditions = ["d.name = \(P.source.sql)"]
            filters = [category, author]
        case .category:
            (from, d, idColumn) = ("articles a", "a", "a.id")
            conditions = ["a.category_id = \(P.category.sql)"]
            filters = [author]
        case .author:
            (from, d, idColumn) = ("articles a", "a", "a.id")
            conditions = ["a.author = \(P.author.sql)"]
            filters = []
        case .status:
            (from, d, idColumn) = ("articles a", "a", "a.id")
            conditions = []
            filters = []
        }
        conditions += [
            "\(d).status = \(P.status.sql)",
            "(\(d).sort_at, \(idColumn)) > (\(P.afterSortAt.sql), \(P.afterID.sql))",
            "(\(d).sort_at, \(idColumn)) < (\(P.beforeSortAt.sql), \(P.beforeID.sql))",
        ]
        let direction = order == .newestFirst ? "DESC" : "ASC"
        return """
            SELECT \(ArticleRepository.summaryColumns)
            FROM \(from) LEFT JOIN categories c ON c.id = a.category_id
            WHERE \((conditions + filters).joined(separator: " AND "))
            ORDER BY \(d).sort_at \(direction), \(idColumn) \(direction)
            LIMIT \(P.limit.sql)
            """
    }
}
