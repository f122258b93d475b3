import SQLite
import Synchronization
import TestSupport
import Testing

@testable import NewsStore

/// View counting below the API: the day buckets and windows on a hand-moved clock, what a
/// flush writes (and does not), pruning, and the reserved slug of the listing.
@Suite struct ViewServiceTests {
    /// 2025-07-01T00:00:00Z, a UTC midnight, as a day number.
    static let july1 = Int64(20270)
    static func at(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    @Test func windowsCountTheirOldestDayInProportion() {
        let evening = Self.at("2025-07-01T18:00:00Z")
        #expect(
            PopularWindow.day.buckets(endingAt: evening)
                == ViewBuckets(oldestDay: Self.july1 - 1, newestDay: Self.july1, oldestDayShare: 6 * 3_600_000))
        #expect(PopularWindow.week.buckets(endingAt: evening).oldestDay == Self.july1 - 7)
        #expect(PopularWindow.month.buckets(endingAt: evening).oldestDay == Self.july1 - 30)
        // At midnight the oldest day is wholly inside; a millisecond before, almost nothing of it.
        let midnight = PopularWindow.day.buckets(endingAt: Self.at("2025-07-01T00:00:00Z"))
        #expect(midnight == ViewBuckets(oldestDay: Self.july1 - 1, newestDay: Self.july1, oldestDayShare: 86_400_000))
        let justBefore = PopularWindow.day.buckets(endingAt: Self.at("2025-06-30T23:59:59.999Z"))
        #expect(justBefore == ViewBuckets(oldestDay: Self.july1 - 2, newestDay: Self.july1 - 1, oldestDayShare: 1))
        #expect(PopularWindow.oldestKeptDay(today: Self.july1) == Self.july1 - 31)
    }

    /// Yesterday's 100 views against today's 30: in the morning most of yesterday is still
    /// inside the 24 hours, in the evening a quarter of it; the week counts it all.
    @Test func theRankingFollowsTheClockThroughTheDay() throws {
        try withStore { store throws in
            let views = ViewService(database: store.database, clock: store.clock.clock)
            store.clock.set(Self.at("2025-06-30T12:00:00Z"))
            let yesterday = try store.articles.create(Sample.article("خبر الأمس"), by: .system)
            for _ in 0..<100 { views.record(articleID: yesterday.id) }
            try views.flush()
            store.clock.set(Self.at("2025-07-01T01:00:00Z"))
            let today = try store.articles.create(Sample.article("خبر اليوم"), by: .system)
            for _ in 0..<30 { views.record(articleID: today.id) }
            try views.flush()

            func ranking(_ window: PopularWindow) throws -> [Int64] {
                var query = PopularQuery()
                query.window = window
                return try views.popular(query).map(\.viewsInWindow)
            }
            store.clock.set(Self.at("2025-07-01T06:00:00Z"))
            #expect(try ranking(.day) == [75, 30])
            store.clock.set(Self.at("2025-07-01T18:00:00Z"))
            #expect(try ranking(.day) == [30, 25])
            #expect(try views.popular(PopularQuery()).map(\.summary.id) == [today.id, yesterday.id])
            #expect(try ranking(.week) == [100, 30])
            // The day after tomorrow, yesterday's views have left the 24 hours.
            store.clock.set(Self.at("2025-07-02T18:00:00Z"))
            #expect(try ranking(.day) == [7])
        }
    }

    @Test func onlyPublicArticlesRankByViewsThenNewest() throws {
        try withStore { store throws in
            let views = ViewService(database: store.database, clock: store.clock.clock)
            _ = try store.terms.create(.category, TermInput(name: "رياضة", slug: "sport"), by: .system)
            let old = try store.articles.create(Sample.article("قديم", publishedAt: store.clock.now.adding(days: -20)), by: .system)
            let older = try store.articles.create(Sample.article("أقدم", publishedAt: store.clock.now.adding(hours: -2)), by: .system)
            let newer = try store.articles.create(
                Sample.article("أحدث", publishedAt: store.clock.now.adding(hours: -1), category: "sport"), by: .system)
            let archived = try store.articles.create(Sample.article("مؤرشف"), by: .system)
            store.clock.set(store.clock.now.adding(days: -10))
            for _ in 0..<50 { views.record(articleID: old.id) }
            try views.flush()
            store.clock.set(ManualClock.start)
            for article in [older, newer] { for _ in 0..<5 { views.record(articleID: article.id) } }
            for _ in 0..<9 { views.record(articleID: archived.id) }
            try views.flush()
            var input = Sample.article("مؤرشف", status: .archived)
            input.slug = archived.slug
            _ = try store.articles.update(id: archived.id, input, by: .system)

            var query = PopularQuery()
            #expect(try views.popular(query).map(\.summary.id) == [newer.id, older.id])
            query.window = .month
            #expect(try views.popular(query).map(\.summary.id) == [old.id, newer.id, older.id])
            #expect(try views.popular(query).first?.summary.views == 50)
            query.limit = 1
            #expect(try views.popular(query).map(\.summary.id) == [old.id])
            query.limit = 10
            query.category = "sport"
            #expect(try views.popular(query).map(\.summary.id) == [newer.id])
            query.category = "no-such-category"
            #expect(try views.popular(query).isEmpty)
        }
    }

    @Test func aFlushIsOneTransactionThatLeavesGenerationAndVersionsAlone() throws {
        let directory = try makeTemporaryDirectory(prefix: "newsstore-views")
        defer { removeDirectoryTree(directory) }
        let log = StatementLog()
        let database = try NewsDatabase(
            path: directory + "/news.sqlite", migrationsDirectory: repositoryMigrationsDirectory(), readers: 1,
            slowStatements: (threshold: .zero, report: { sql, _ in log.append(sql) }))
        defer { database.close() }
        let clock = ManualClock()
        let articles = ArticleService(database: database, events: .forTests, clock: clock.clock)
        let views = ViewService(database: database, clock: clock.clock)
        let ids = try (0..<3).map { try articles.create(Sample.article("خبر \($0)"), by: .system).id }
        for (index, id) in ids.enumerated() { for _ in 0...index { views.record(articleID: id) } }

        let generation = database.generation
        log.clear()
        #expect(try views.flush() == 6)
        let statements = log.statements
        #expect(statements.filter { $0.hasPrefix("BEGIN") } == ["BEGIN IMMEDIATE"])
        #expect(statements.filter { $0 == "COMMIT" }.count == 1)
        #expect(statements.filter { $0.contains("INSERT INTO article_views") }.count == 3)
        #expect(database.generation == generation)
        // Nothing pending, nothing to prune: no transaction at all.
        log.clear()
        #expect(try views.flush() == 0)
        #expect(log.statements.isEmpty)

        for (index, id) in ids.enumerated() {
            guard case .found(let article) = try articles.article(String(id), for: .editor) else {
                Issue.record("article \(id) is gone")
                continue
            }
            #expect(article.views == Int64(index + 1))
            #expect(article.version == 1)
            #expect(article.updatedAt == clock.now)
        }
    }

    @Test func oldBucketsArePrunedAndDeletedArticlesDropTheirViews() throws {
        try withStore { store throws in
            let views = ViewService(database: store.database, clock: store.clock.clock)
            let kept = try store.articles.create(Sample.article("باق"), by: .system)
            let deleted = try store.articles.create(Sample.article("محذوف"), by: .system)
            views.record(articleID: kept.id)
            try views.flush()
            #expect(try store.int("SELECT count(*) FROM article_views") == 1)
            // A view counted just before its article is deleted fails nothing.
            views.record(articleID: deleted.id)
            try store.articles.delete(id: deleted.id, by: .system)
            #expect(try views.flush() == 1)
            #expect(try store.int("SELECT count(*) FROM article_views") == 1)

            store.clock.set(store.clock.now.adding(days: 31))
            try views.flush()
            #expect(try store.int("SELECT count(*) FROM article_views") == 1, "31 days back is still within the margin")
            store.clock.set(store.clock.now.adding(days: 1))
            try views.flush()
            #expect(try store.int("SELECT count(*) FROM article_views") == 0)
            #expect(try store.found(kept.id)?.views == 1, "the all-time total stays")
        }
    }

    @Test func noArticleTakesTheSlugOfTheListing() throws {
        try withStore { store throws in
            #expect(storeError { try store.articles.create(Sample.article("x", slug: "popular"), by: .system) }?.pointers == ["/slug"])
            let generated = try store.articles.create(Sample.article("Popular"), by: .system)
            #expect(generated.slug == "popular-2")
            var rename = Sample.article("Popular")
            rename.slug = "popular"
            #expect(storeError { try store.articles.update(id: generated.id, rename, by: .system) }?.pointers == ["/slug"])
        }
    }
}

/// The SQL a connection ran, collected from the slow-statement hook with a zero threshold.
private final class StatementLog: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ sql: String) { lines.withLock { $0.append(sql) } }
    func clear() { lines.withLock { $0 = [] } }
    var statements: [String] { lines.withLock { $0 } }
}
