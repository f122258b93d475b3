import SQLite
import Testing

@testable import NewsStore

/// Checks with `EXPLAIN QUERY PLAN` that every listing is an index walk and every article read
/// is a keyed lookup: no plan may scan an article table, and no plan may sort (a temporary
/// B-tree for ORDER BY) — either would make a page cost grow with the size of the archive.
@Suite struct QueryPlanTests {
    /// Tables whose full scan is a bug: they grow with the archive.
    static let articleTables = [
        "articles", "article_tags", "article_sources", "related_articles", "slug_redirects", "article_views", "comments", "comment_counts",
    ]

    /// Categories cat-0…cat-4, tags وسم-0…وسم-6, six authors, four sources; 150 articles of which
    /// some are drafts, archived or scheduled; a few related lists and a renamed slug.
    static func populate(_ store: StoreFixture) throws {
        for index in 0..<5 {
            _ = try store.terms.create(.category, TermInput(name: "قسم \(index)", slug: "cat-\(index)"), by: .system)
        }
        let now = store.clock.now
        var ids: [Int64] = []
        for index in 0..<150 {
            let status: ArticleStatus = index % 10 == 3 ? .draft : index % 15 == 7 ? .archived : .published
            let at = index % 25 == 11 ? now.adding(hours: 3) : now.adding(minutes: -Int64(index) * 7)
            let article = try store.articles.create(
                Sample.article(
                    "خبر رقم \(index)", status: status, publishedAt: status == .draft ? nil : at, category: "cat-\(index % 5)",
                    tags: ["وسم \(index % 7)", "وسم \((index / 7) % 7)"], author: index % 4 == 0 ? nil : "كاتب \(index % 6)",
                    sources: [CitedSource(name: "مصدر \(index % 4)"), CitedSource(name: "مصدر \((index + 1) % 4)")]), by: .system)
            ids.append(article.id)
        }
        _ = try store.articles.setRelated(id: ids[0], to: Array(ids[1...6]), by: .system)
        _ = try store.articles.setRelated(id: ids[1], to: [ids[0], ids[3]], by: .system)
        var input = Sample.article("خبر رقم 0", category: "cat-0")
        input.slug = "خبر-معدل"
        input.publishedAt = now
        _ = try store.articles.update(id: ids[0], input, by: .system)
    }

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let audience: Audience
        let configure: @Sendable (inout ArticleQuery) -> Void

        init(_ description: String, _ audience: Audience = .reader, _ configure: @escaping @Sendable (inout ArticleQuery) -> Void) {
            self.description = description
            self.audience = audience
            self.configure = configure
        }
    }

    static let cursorAt = ManualClock.start.adding(minutes: -300).milliseconds

    static let listingCases: [Case] = [
        Case("no filter") { _ in },
        Case("no filter, editor", .editor) { _ in },
        Case("category") { $0.category = "cat-2" },
        Case("tag") { $0.tags = ["وسم-3"] },
        Case("two tags") { $0.tags = ["وسم-3", "وسم-1"] },
        Case("three tags") { $0.tags = ["وسم-3", "وسم-1", "وسم-0"] },
        Case("author") { $0.author = "كاتب 3" },
        Case("source") { $0.source = "مصدر 2" },
        Case("since and until") {
            $0.since = ManualClock.start.adding(hours: -10)
            $0.until = ManualClock.start.adding(hours: -2)
        },
        Case("since only") { $0.since = ManualClock.start.adding(hours: -3) },
        Case("cursor") { $0.cursor = Cursor(order: .newestFirst, sortAt: cursorAt, id: 60) },
        Case("oldest first") { $0.order = .oldestFirst },
        Case("oldest first with cursor") {
            $0.order = .oldestFirst
            $0.cursor = Cursor(order: .oldestFirst, sortAt: cursorAt, id: 60)
        },
        Case("editor drafts", .editor) { $0.status = .draft },
        Case("editor drafts with cursor", .editor) {
            $0.status = .draft
            $0.cursor = Cursor(order: .newestFirst, sortAt: cursorAt, id: 60)
        },
        Case("editor archived, oldest first", .editor) {
            $0.status = .archived
            $0.order = .oldestFirst
        },
        Case("editor drafts in a category", .editor) {
            $0.status = .draft
            $0.category = "cat-3"
        },
        Case("category and tag") {
            $0.category = "cat-1"
            $0.tags = ["وسم-2"]
        },
        Case("category and author") {
            $0.category = "cat-1"
            $0.author = "كاتب 1"
        },
        Case("category and source") {
            $0.category = "cat-1"
            $0.source = "مصدر 1"
        },
        Case("tag and source") {
            $0.tags = ["وسم-2"]
            $0.source = "مصدر 1"
        },
        Case("tag and author") {
            $0.tags = ["وسم-2"]
            $0.author = "كاتب 5"
        },
        Case("author and source") {
            $0.author = "كاتب 5"
            $0.source = "مصدر 1"
        },
        Case("category with cursor, oldest first") {
            $0.category = "cat-4"
            $0.order = .oldestFirst
            $0.cursor = Cursor(order: .oldestFirst, sortAt: cursorAt, id: 60)
        },
        Case("tag with cursor") {
            $0.tags = ["وسم-5"]
            $0.cursor = Cursor(order: .newestFirst, sortAt: cursorAt, id: 60)
        },
        Case("source with cursor and since") {
            $0.source = "مصدر 3"
            $0.since = ManualClock.start.adding(hours: -12)
            $0.cursor = Cursor(order: .newestFirst, sortAt: cursorAt, id: 60)
        },
        Case("author with cursor, oldest first") {
            $0.author = "كاتب 2"
            $0.order = .oldestFirst
            $0.cursor = Cursor(order: .oldestFirst, sortAt: cursorAt, id: 60)
        },
    ]

    @Test(arguments: [false, true])
    func listingQueriesWalkAnIndexWithoutSorting(analyzed: Bool) throws {
        try withStore { store throws in
            try Self.populate(store)
            if analyzed { try store.database.pool.writeWithoutTransaction { try $0.execute(sql: "ANALYZE") } }
            // A fresh connection, so the statistics (or their absence) are what it plans with.
            let db = try Connection(path: store.path, access: .readOnly)
            for testCase in Self.listingCases {
                var query = ArticleQuery()
                testCase.configure(&query)
                if testCase.audience == .reader { query.status = .published }
                let publicAt: Timestamp? = testCase.audience == .reader ? store.clock.now : nil
                let listing = try #require(try ArticleListing(query, publicAt: publicAt, in: db), "\(testCase)")
                let plan = try Self.plan(of: listing.sql, parameters: listing.parameters, in: db)
                Self.check(listing.sql, plan: plan, context: "\(testCase) (\(analyzed ? "after ANALYZE" : "no ANALYZE"))")
                // And the SQL runs.
                _ = try store.articles.list(query, for: testCase.audience)
            }
        }
    }

    /// Runs the service's reads on a pool with a single reader, then takes the exact SQL of
    /// every statement that reader (and the writer) prepared from SQLite's `sqlite_stmt` table,
    /// and checks each plan: article detail by id, slug and old slug, tags and sources of an
    /// article, related articles, term lookups and listings with their public counts.
    @Test(arguments: [false, true])
    func everyStatementTheServicesPrepareUsesIndexes(analyzed: Bool) throws {
        try withStore(readers: 1) { store throws in
            try Self.populate(store)
            if analyzed { try store.database.pool.writeWithoutTransaction { try $0.execute(sql: "ANALYZE") } }
            let service = store.articles
            // Without tags, its suggestions come from its category.
            let untagged = try service.create(Sample.article("خبر بلا وسوم", category: "cat-1"), by: .system)
            for audience in [Audience.reader, .editor] {
                #expect(try store.found("1", for: audience)?.related.isEmpty == false)
                #expect(try store.found("2", for: audience)?.related.isEmpty == false)
                #expect(try store.found(untagged.id, for: audience)?.suggestions.isEmpty == false)
                #expect(try store.found("خبر-معدل", for: audience)?.id == 1)
                #expect(try service.article("خبر-رقم-0", for: audience) == .moved(id: 1, slug: "خبر-معدل"))
                _ = storeError { try service.article("no-such-slug", for: audience) }
                for testCase in Self.listingCases where testCase.audience == audience {
                    var query = ArticleQuery()
                    testCase.configure(&query)
                    _ = try service.list(query, for: audience)
                }
            }
            for audience in [Audience.reader, .editor] {
                for kind in TermKind.allCases {
                    _ = try store.terms.list(kind, for: audience)
                    _ = try store.terms.list(kind, prefix: "و", for: audience)
                    _ = try store.terms.list(kind, prefix: "cat", for: audience)
                }
                _ = try store.terms.term(.category, "cat-1", for: audience)
                _ = try store.terms.term(.category, "1", for: audience)
                _ = try store.terms.term(.tag, "وسم-1", for: audience)
                _ = try store.terms.term(.tag, "1", for: audience)
            }
            // View counting: the public check by id, slug and old slug, a flush, the listing.
            let views = ViewService(database: store.database, clock: store.clock.clock)
            for key in ["2", "خبر-معدل", "خبر-رقم-0"] { views.record(articleID: try views.publicArticle(key)) }
            try views.flush()
            for category in [nil, "cat-1"] {
                for window in PopularWindow.allCases {
                    var query = PopularQuery()
                    query.window = window
                    query.category = category
                    #expect(try !views.popular(query).isEmpty || category != nil)
                }
            }
            // Search: plain, and with every filter.
            let search = SearchService(database: store.database, clock: store.clock.clock)
            for configure: (inout SearchRequest) -> Void in [
                { _ in }, { $0.category = "cat-1" }, { $0.tags = ["وسم-3"] },
                {
                    $0.since = ManualClock.start.adding(days: -1)
                    $0.until = ManualClock.start
                },
            ] {
                var request = SearchRequest(terms: try SearchTerms(parsing: "خبر"))
                configure(&request)
                _ = try search.search(request)
            }
            // Comments: written, moderated, listed publicly and in every queue, deleted, swept.
            let comments = CommentService(
                database: store.database, events: .forTests, moderation: CommentModeration(mode: .post), clock: store.clock.clock)
            var comment = CommentInput()
            comment.authorName = "قارئ"
            comment.body = "تعليق"
            let top = try comments.create(on: "خبر-معدل", comment, from: CommentSender(address: "203.0.113.1", key: "a"), requestID: "test")
            comment.parentID = top.id
            let reply = try comments.create(on: "خبر-رقم-0", comment, from: CommentSender(address: "203.0.113.2", key: "b"), requestID: "test")
            _ = try comments.moderate(id: reply.id, to: .spam, by: .system)
            var page = CommentListQuery()
            page.limit = 1
            page.cursor = try comments.publicComments(on: "1", page).nextCursor
            _ = try comments.publicComments(on: "1", page)
            for status in [nil, CommentStatus.pending] {
                for article in [nil, "1"] {
                    var queue = ModerationQuery()
                    queue.status = status
                    queue.article = article
                    queue.limit = 1
                    queue.cursor = try comments.moderationQueue(queue).nextCursor
                    _ = try comments.moderationQueue(queue)
                }
            }
            try comments.delete(id: top.id, by: .system)
            _ = try comments.clearExpiredAddresses()
            // Writes that touch many articles at once, so their statements are prepared too.
            _ = try store.terms.update(.tag, "وسم-6", TermInput(name: "وسم ستة"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "هدف", slug: "target"), by: .system)
            try store.terms.delete(.category, "cat-4", moveTo: "target", by: .system)
            try store.terms.delete(.tag, "وسم-5", by: .system)
            try service.delete(id: 7, by: .system)

            var statements: [String] = []
            for connection in ["reader", "writer"] {
                let prepared =
                    connection == "reader"
                    ? try store.database.pool.read(Self.preparedStatements)
                    : try store.database.pool.writeWithoutTransaction(Self.preparedStatements)
                // A full statement cache may have dropped statements before they could be checked.
                #expect(prepared.count < Connection.statementCacheCapacity, "the \(connection)'s statement cache is full: raise the capacity")
                statements += prepared
            }
            // Statements built with a varying number of `IN (?,?,…)` placeholders count once.
            var relevant: [String: String] = [:]
            for sql in statements.sorted()
            where Self.articleTables.contains(where: { sql.contains($0) }) || sql.contains("FROM categories") || sql.contains("FROM tags") {
                var key = sql
                while key.contains("?,?") { key = key.replacing("?,?", with: "?") }
                if relevant[key] == nil { relevant[key] = sql }
            }
            #expect(relevant.values.contains { $0.contains("FROM related_articles r") }, "the related query was not captured")
            #expect(relevant.values.contains { $0.contains("FROM slug_redirects r") }, "the redirect query was not captured")
            #expect(relevant.values.contains { $0.contains("x.sort_at <= :now") }, "the term count query was not captured")
            for (fragment, query) in [
                ("WHERE l.tag_id = ?1", "suggestions' tag"), ("WHERE a.category_id = ?1", "suggestions' category"),
                ("a.sort_at > ?1", "next publication"), ("WHERE a.id IN (", "related summaries"),
            ] {
                #expect(relevant.values.contains { $0.contains(fragment) }, "the \(query) query was not captured")
            }
            #expect(relevant.values.contains { $0.contains("views_in_window") }, "the popular query was not captured")
            #expect(relevant.values.contains { $0.contains(SearchRanking.name) }, "the search ranking was not captured")
            #expect(relevant.values.contains { $0.contains("DELETE FROM article_views") }, "the pruning was not captured")
            #expect(relevant.values.contains { $0.contains("ORDER BY c.thread_id, c.id") }, "the public comments query was not captured")
            #expect(
                relevant.values.filter { $0.contains("ORDER BY c.created_at DESC") }.count == 4, "the four moderation queries were not captured")
            #expect(relevant.values.contains { $0.contains("INSERT INTO comment_counts") }, "the comment count was not captured")
            #expect(relevant.count > 20)

            let db = try Connection(path: store.path, access: .readOnly)
            // Planning a write to `articles` compiles the search triggers, which need the tokenizer.
            try SearchSchema.install(on: db)
            let context = analyzed ? "after ANALYZE" : "no ANALYZE"
            for sql in relevant.values.sorted() {
                let plan = try Self.plan(of: sql, parameters: nil, in: db)
                // Term lookups and term listings sort a handful of categories or tags, not
                // articles; for them only the article scans count.
                let isTermStatement = sql.contains("FROM categories") || sql.contains("FROM tags")
                // The popular listing groups and ranks the buckets of its window's days, which the
                // table's key finds as one range: what it sorts is bounded by the window, not the archive.
                let isPopular = sql.contains("views_in_window")
                // Search ranks its hits (at most `SearchRepository.rankingWindow` of them) by score:
                // a sort, but of hits the full-text index found, never a walk of the articles,
                // whose fields it reads from the small covering index by id.
                let isSearchRanking = sql.contains(SearchRanking.name)
                Self.check(sql, plan: plan, context: context, allowSort: isTermStatement || isPopular || isSearchRanking)
                if isSearchRanking {
                    #expect(
                        plan.contains { $0.contains("SEARCH a USING COVERING INDEX articles_search_filter (id=?") },
                        "\(context): search must read articles from the filter index\nplan:\n\(plan.joined(separator: "\n"))\nSQL: \(sql)\nplan:\n\(plan.joined(separator: "\n"))"
                    )
                }
                if isPopular || sql.contains("DELETE FROM article_views") {
                    #expect(
                        plan.contains { $0.contains("SEARCH article_views USING PRIMARY KEY (day") },
                        "\(context): buckets must be a range of days\nSQL: \(sql)\nplan:\n\(plan.joined(separator: "\n"))")
                }
                // Keyed reads must start from their key, not walk an article index and probe.
                for (from, alias) in [("FROM related_articles r", "r"), ("FROM slug_redirects r", "r"), ("FROM article_tags l", "l")]
                where sql.contains(from) {
                    #expect(
                        plan.first?.hasPrefix("SEARCH \(alias) ") == true,
                        "\(context): the walk must start from \(alias)\nSQL: \(sql)\nplan:\n\(plan.joined(separator: "\n"))")
                }
                // Related summaries are looked up by id, not found by walking the public articles.
                if sql.contains("WHERE a.id IN (") {
                    #expect(
                        plan.first?.hasPrefix("SEARCH a USING INTEGER PRIMARY KEY") == true,
                        "\(context): related summaries must be read by id\nSQL: \(sql)\nplan:\n\(plan.joined(separator: "\n"))")
                }
                // A term's public count is an index range of that term's articles.
                if sql.contains("count(*) FROM articles x") || sql.contains("count(*) FROM article_tags x") {
                    #expect(plan.contains { $0.contains("SEARCH x USING COVERING INDEX") }, "\(context): \(sql)\n\(plan)")
                }
            }
        }
    }

    /// The plan checker itself must catch a scan and a sort.
    @Test func theCheckerFlagsScansAndSorts() throws {
        try withStore { store throws in
            let db = try Connection(path: store.path, access: .readOnly)
            let scan = try Self.plan(of: "SELECT id FROM articles a WHERE a.title = ?", parameters: nil, in: db)
            #expect(!Self.violations("SELECT id FROM articles a WHERE a.title = ?", plan: scan).isEmpty)
            let sortSQL = "SELECT a.id FROM articles a WHERE a.category_id = ? ORDER BY a.title"
            let sort = try Self.plan(of: sortSQL, parameters: nil, in: db)
            #expect(Self.violations(sortSQL, plan: sort).contains { $0.contains("TEMP B-TREE") })
            let linkScan = "SELECT article_id FROM article_tags l WHERE l.position = 3"
            #expect(!Self.violations(linkScan, plan: try Self.plan(of: linkScan, parameters: nil, in: db)).isEmpty)
            let lookup = "SELECT a.id FROM articles a WHERE a.slug = ?"
            #expect(Self.violations(lookup, plan: try Self.plan(of: lookup, parameters: nil, in: db)).isEmpty)
        }
    }

    // MARK: Helpers

    /// The `detail` column of `EXPLAIN QUERY PLAN`, one entry per plan node, indented by depth.
    static func plan(of sql: String, parameters: [SQLiteValue]?, in db: Connection) throws -> [String] {
        let statement = try db.prepare("EXPLAIN QUERY PLAN " + sql)
        if let parameters { try statement.bind(parameters) }
        var depth: [Int: Int] = [0: 0]
        return try statement.mapRows { row in
            let level = (depth[row.int(at: 1)] ?? 0) + 1
            depth[row.int(at: 0)] = level
            return String(repeating: "  ", count: level - 1) + (row.string(at: 3) ?? "")
        }
    }

    /// SQL of the statements prepared on `db`, from the `sqlite_stmt` virtual table.
    static func preparedStatements(_ db: Connection) throws -> [String] {
        try db.prepare("SELECT sql FROM sqlite_stmt").mapRows { $0.string(at: 0) ?? "" }
            .filter { !$0.hasPrefix("SELECT sql FROM sqlite_stmt") }
    }

    /// The names (tables and their aliases) under which `sql` reads an article table.
    static func articleTableNames(in sql: String) -> Set<String> {
        var names: Set<String> = []
        let words = sql.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
        let keywords: Set<String> = [
            "where", "join", "left", "inner", "cross", "on", "set", "order", "limit", "group", "as", "values", "using",
            "union", "all", "select", "and", "or",
        ]
        for (index, word) in words.enumerated() where articleTables.contains(word.lowercased()) {
            names.insert(word)
            // `articles (slug, …)` in an INSERT is a column list, not an alias.
            guard index + 1 < words.count else { continue }
            var alias = words[index + 1]
            if alias.lowercased() == "as", index + 2 < words.count { alias = words[index + 2] }
            if !keywords.contains(alias.lowercased()), sql.contains("\(word) \(alias)") || sql.contains("\(word) AS \(alias)") {
                names.insert(alias)
            }
        }
        return names
    }

    /// What is wrong with `plan` for `sql`: full scans of an article table, sorts for ORDER BY.
    static func violations(_ sql: String, plan: [String], allowSort: Bool = false) -> [String] {
        let names = articleTableNames(in: sql)
        return plan.filter { line in
            let detail = line.drop { $0 == " " }
            let scans = names.contains { detail == "SCAN \($0)" || detail.hasPrefix("SCAN \($0) ") }
            let sorts = !allowSort && detail.contains("TEMP B-TREE") && detail.contains("ORDER BY")
            return scans || sorts
        }
    }

    static func check(
        _ sql: String, plan: [String], context: String, allowSort: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let bad = violations(sql, plan: plan, allowSort: allowSort)
        if !bad.isEmpty {
            Issue.record(
                """
                \(context): \(bad.joined(separator: "; "))
                SQL: \(sql)
                plan:
                \(plan.joined(separator: "\n"))
                """, sourceLocation: sourceLocation)
        }
    }
}
