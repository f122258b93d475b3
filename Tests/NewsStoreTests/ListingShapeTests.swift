import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// Listings whose SQL does not depend on the request's length: a fixed set of texts, each a
/// bounded walk of one index, that return exactly what the listing rules say.
@Suite struct ListingShapeTests {
    static let categories = ["cat-a", "cat-b", "cat-c"]
    static let tags = (0..<12).map { "t\($0)" }
    static let authors = ["كاتب 1", "كاتب 2"]
    static let sources = ["مصدر 1", "مصدر 2", "مصدر 3"]

    /// 80 articles of every status and time, with random categories, tags, authors and sources.
    static func populate(_ store: StoreFixture, random: inout SeededRandom) throws {
        for (index, slug) in categories.enumerated() {
            _ = try store.terms.create(.category, TermInput(name: "قسم \(index)", slug: slug), by: .system)
        }
        let now = store.clock.now
        for index in 0..<80 {
            let status = [ArticleStatus.published, .published, .published, .draft, .archived].randomElement(using: &random)!
            // Many share a time, so the id breaks ties in the order and at the cursor.
            let at = now.adding(minutes: Int64.random(in: -40...8, using: &random) * 30)
            _ = try store.articles.create(
                Sample.article(
                    "خبر \(index)", status: status, publishedAt: status == .draft ? nil : at,
                    category: Bool.random(using: &random) ? categories.randomElement(using: &random) : nil,
                    tags: Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...5, using: &random))),
                    author: Bool.random(using: &random) ? authors.randomElement(using: &random) : nil,
                    sources: sources.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)).map { CitedSource(name: $0) }),
                by: .system)
            store.clock.advance(minutes: 1)
        }
        store.clock.set(now)
    }

    /// A random query, with tags repeated and filters in any combination.
    static func randomQuery(_ random: inout SeededRandom, now: Timestamp) -> (ArticleQuery, Audience) {
        var query = ArticleQuery()
        let audience: Audience = Int.random(in: 0..<4, using: &random) == 0 ? .editor : .reader
        if audience == .editor { query.status = ArticleStatus.allCases.randomElement(using: &random)! }
        if Int.random(in: 0..<3, using: &random) == 0 { query.category = categories.randomElement(using: &random) }
        let tagCount = [0, 0, 1, 1, 2, 3].randomElement(using: &random)!
        query.tags = (0..<tagCount).map { _ in tags.randomElement(using: &random)! }
        if Bool.random(using: &random) { query.tags += query.tags }
        if Int.random(in: 0..<4, using: &random) == 0 { query.author = authors.randomElement(using: &random) }
        if Int.random(in: 0..<4, using: &random) == 0 { query.source = sources.randomElement(using: &random) }
        if Int.random(in: 0..<3, using: &random) == 0 { query.since = now.adding(minutes: Int64.random(in: -40...8, using: &random) * 30) }
        if Int.random(in: 0..<3, using: &random) == 0 { query.until = now.adding(minutes: Int64.random(in: -40...8, using: &random) * 30) }
        if Bool.random(using: &random) { query.order = .oldestFirst }
        query.limit = Int.random(in: 1...4, using: &random)
        return (query, audience)
    }

    /// What the listing rules say `query` lists, worked out in Swift from every article.
    static func expected(_ query: ArticleQuery, for audience: Audience, in articles: [Article], now: Timestamp) -> [Int64] {
        let status = audience == .reader ? ArticleStatus.published : query.status
        let tags = Set(query.tags)
        let listed = articles.filter { article in
            let sortAt = article.publishedAt ?? article.createdAt
            return article.status == status && (audience == .editor || article.isPublic(at: now))
                && query.since.map { sortAt >= $0 } ?? true && query.until.map { sortAt < $0 } ?? true
                && query.category.map { article.category?.slug == $0 } ?? true
                && tags.isSubset(of: article.tags.elements.map(\.slug))
                && query.author.map { article.author == $0 } ?? true
                && query.source.map { name in article.sources.elements.contains { $0.name == name } } ?? true
        }
        let ordered = listed.sorted { ($0.publishedAt ?? $0.createdAt, $0.id) < ($1.publishedAt ?? $1.createdAt, $1.id) }
        return (query.order == .newestFirst ? ordered.reversed() : ordered).map(\.id)
    }

    /// Every page, cursor after cursor, lists what the rules say: the filters a listing leaves
    /// NULL, the tags in a JSON array and the cursor, times and publication folded into one key
    /// range must all mean what the query asked.
    @Test func listingsFollowTheRulesWhateverTheCombination() throws {
        try withStore { store throws in
            var random = SeededRandom(seed: 12)
            try Self.populate(store, random: &random)
            let now = store.clock.now
            let articles = try (1...80).compactMap { try store.found(Int64($0)) }
            #expect(articles.count == 80)
            var nonEmpty = 0
            for _ in 0..<300 {
                let (query, audience) = Self.randomQuery(&random, now: now)
                let expected = Self.expected(query, for: audience, in: articles, now: now)
                #expect(try store.allIDs(query, for: audience) == expected, "\(query) for \(audience)")
                if !expected.isEmpty { nonEmpty += 1 }
            }
            // The sample must exercise real results, not mostly empty pages.
            #expect(nonEmpty > 100)
        }
    }

    /// However a query combines filters, repeats tags or pages on, its SQL is one of the ten
    /// texts, so a client can neither make the server compile new statements nor larger ones.
    @Test func listingSQLIsOneOfAFixedSetOfTexts() throws {
        try withStore { store throws in
            var random = SeededRandom(seed: 7)
            try Self.populate(store, random: &random)
            let texts = Set(ArticleListing.allTexts)
            #expect(texts.count == 10)
            var used: Set<String> = []
            try store.database.pool.read { db in
                for _ in 0..<300 {
                    var (query, audience) = Self.randomQuery(&random, now: store.clock.now)
                    if Bool.random(using: &random) { query.cursor = Cursor(order: query.order, sortAt: store.clock.now.milliseconds, id: 40) }
                    guard let listing = try ArticleListing(query, publicAt: audience == .reader ? store.clock.now : nil, in: db) else { continue }
                    #expect(texts.contains(listing.sql))
                    used.insert(listing.sql)
                }
                var many = ArticleQuery()
                many.tags = Array(Self.tags.prefix(ArticleQuery.maximumTags))
                var two = ArticleQuery()
                two.tags = Array(Self.tags.prefix(2))
                #expect(try ArticleListing(many, publicAt: nil, in: db)?.sql == ArticleListing(two, publicAt: nil, in: db)?.sql)
            }
            #expect(used.count == texts.count)
        }
    }

    /// Each text walks its index with both ends of the key range as bounds of the walk, so a
    /// page far down a listing starts at its cursor instead of walking there.
    @Test(arguments: [false, true])
    func everyListingTextIsABoundedWalkOfItsIndex(analyzed: Bool) throws {
        try withStore { store throws in
            var random = SeededRandom(seed: 3)
            try Self.populate(store, random: &random)
            if analyzed { try store.database.pool.writeWithoutTransaction { try $0.execute(sql: "ANALYZE") } }
            let db = try Connection(path: store.path, access: .readOnly)
            for sql in ArticleListing.allTexts {
                let plan = try QueryPlanTests.plan(of: sql, parameters: nil, in: db)
                QueryPlanTests.check(sql, plan: plan, context: analyzed ? "after ANALYZE" : "no ANALYZE")
                let index =
                    sql.contains("FROM article_tags d")
                    ? "article_tags_by_tag (tag_id=? AND status=? AND (sort_at,article_id)>(?,?) AND (sort_at,article_id)<(?,?))"
                    : sql.contains("FROM article_sources d")
                        ? "article_sources_by_name (name=? AND status=? AND (sort_at,article_id)>(?,?) AND (sort_at,article_id)<(?,?))"
                        : sql.contains("a.category_id = ?7 AND")
                            ? "articles_by_category (category_id=? AND status=? AND sort_at>? AND sort_at<?)"
                            : sql.contains("a.author = ?8 AND")
                                ? "articles_by_author (author=? AND status=? AND sort_at>? AND sort_at<?)"
                                : "articles_by_status (status=? AND sort_at>? AND sort_at<?)"
                #expect(plan.first?.contains(index) == true, "\(sql)\nplan:\n\(plan.joined(separator: "\n"))")
            }
        }
    }

    @Test func repeatedTagsCountOnceAndTooManyAreRefused() throws {
        try withStore { store throws in
            var random = SeededRandom(seed: 5)
            try Self.populate(store, random: &random)
            var once = ArticleQuery()
            once.tags = ["t1", "t2"]
            var repeated = ArticleQuery()
            repeated.tags = Array(repeating: ["t1", "t2"], count: 400).flatMap { $0 }
            #expect(try store.allIDs(repeated) == store.allIDs(once))
            var most = ArticleQuery()
            most.tags = Array(Self.tags.prefix(ArticleQuery.maximumTags)) + Self.tags.prefix(3)
            _ = try store.articles.list(most, for: .reader)
            var tooMany = ArticleQuery()
            tooMany.tags = Array(Self.tags.prefix(ArticleQuery.maximumTags + 1))
            #expect(storeError { try store.articles.list(tooMany, for: .reader) } == .invalidQuery(ArticleQuery.tooManyTags))
        }
    }
}
