import SQLite

/// The SQL for one page of an article listing.
///
/// Every listing is a walk down one index in (status, sort_at, id) order that stops after
/// `limit + 1` rows: the tag index when tags are asked for, the source index for a source, and
/// otherwise the article indexes by category, author or status. Other filters are checked on
/// the rows the walk meets. The cursor turns into a row-value bound on that same index, so a
/// page deep in a category costs what the first page costs.
struct ArticleListing {
    let sql: String
    let parameters: [SQLiteValue]

    /// Nil when a named category or tag does not exist: the listing is empty.
    init?(_ query: ArticleQuery, publicAt now: Timestamp?, in db: Connection) throws {
        var parameters: [SQLiteValue] = []
        func parameter(_ value: SQLiteValue) -> String {
            parameters.append(value)
            return "?\(parameters.count)"
        }

        var categoryID: Int64?
        if let category = query.category {
            guard let id = try TermRepository(kind: .category).id(slug: category, in: db) else { return nil }
            categoryID = id
        }
        var tagIDs: [Int64] = []
        for tag in query.tags {
            guard let id = try TermRepository(kind: .tag).id(slug: tag, in: db) else { return nil }
            tagIDs.append(id)
        }

        // The table walked (`d`, a link table, or `a` itself) and its id column.
        let from: String
        let d: String
        let idColumn: String
        var conditions: [String] = []
        if let firstTag = tagIDs.first {
            (from, d, idColumn) = ("article_tags d CROSS JOIN articles a ON a.id = d.article_id", "d", "d.article_id")
            conditions.append("d.tag_id = \(parameter(.integer(firstTag)))")
        } else if let source = query.source {
            (from, d, idColumn) = ("article_sources d CROSS JOIN articles a ON a.id = d.article_id", "d", "d.article_id")
            conditions.append("d.name = \(parameter(.text(source)))")
        } else {
            (from, d, idColumn) = ("articles a", "a", "a.id")
        }
        conditions.append("\(d).status = \(parameter(.text(query.status.rawValue)))")
        if let now { conditions.append("\(d).sort_at <= \(parameter(.integer(now.milliseconds)))") }
        if let since = query.since { conditions.append("\(d).sort_at >= \(parameter(.integer(since.milliseconds)))") }
        if let until = query.until { conditions.append("\(d).sort_at < \(parameter(.integer(until.milliseconds)))") }
        let descending = query.order == .newestFirst
        if let cursor = query.cursor {
            let comparison = descending ? "<" : ">"
            conditions.append(
                "(\(d).sort_at, \(idColumn)) \(comparison) (\(parameter(.integer(cursor.sortAt))), \(parameter(.integer(cursor.id))))")
        }
        if let categoryID { conditions.append("a.category_id = \(parameter(.integer(categoryID)))") }
        if let author = query.author { conditions.append("a.author = \(parameter(.text(author)))") }
        for tagID in tagIDs.dropFirst() {
            conditions.append("EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = \(parameter(.integer(tagID))))")
        }
        if let source = query.source, !tagIDs.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id AND s.name = \(parameter(.text(source))))")
        }
        let direction = descending ? "DESC" : "ASC"
        sql = """
            SELECT \(ArticleRepository.summaryColumns)
            FROM \(from) LEFT JOIN categories c ON c.id = a.category_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(d).sort_at \(direction), \(idColumn) \(direction)
            LIMIT \(parameter(.integer(Int64(query.limit + 1))))
            """
        self.parameters = parameters
    }
}
