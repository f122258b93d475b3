import SQLite
import Testing

@testable import NewsStore

/// What feeds and sitemaps carry: public articles only, at the time of the request, in the
/// order and the cuts the formats need.
@Suite struct FeedServiceTests {
    private func feeds(_ store: StoreFixture, articleSitemapSize: Int = FeedService.articleSitemapSize) -> FeedService {
        FeedService(database: store.database, clock: store.clock.clock, articleSitemapSize: articleSitemapSize)
    }

    @Test func feedsCarryPublicArticlesNewestFirstAndScheduledOnesWhenTheirTimeComes() throws {
        try withStore { store throws in
            let now = store.clock.now
            let old = try store.articles.create(Sample.article("قديم", publishedAt: now.adding(hours: -5)), by: .system)
            let recent = try store.articles.create(Sample.article("حديث", publishedAt: now.adding(hours: -1)), by: .system)
            _ = try store.articles.create(Sample.article("مسودة", status: .draft), by: .system)
            _ = try store.articles.create(Sample.article("مؤرشف", status: .archived, publishedAt: now.adding(hours: -2)), by: .system)
            let scheduled = try store.articles.create(Sample.article("مجدول", publishedAt: now.adding(minutes: 30)), by: .system)
            let service = feeds(store)

            #expect(try service.feed(.all).items.map(\.summary.id) == [recent.id, old.id])
            #expect(try service.feed(.all).term == nil)
            store.clock.advance(minutes: 29)
            #expect(try !service.feed(.all).items.contains { $0.summary.id == scheduled.id })
            store.clock.advance(minutes: 1)
            #expect(try service.feed(.all).items.map(\.summary.id) == [scheduled.id, recent.id, old.id])
            // The whole body travels with the item.
            #expect(try service.feed(.all).items.first?.body == scheduled.body)
            #expect(try service.feed(.all, limit: 2).items.count == 2)
        }
    }

    @Test func aScopedFeedCarriesItsTermsArticlesAndAnUnknownOrHiddenTermIsNotFound() throws {
        try withStore { store throws in
            _ = try store.terms.create(.category, TermInput(name: "سياسة", slug: "politics"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "رياضة", slug: "sport"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "قادم", slug: "coming"), by: .system)
            let now = store.clock.now
            let politics = try store.articles.create(
                Sample.article("سياسي", publishedAt: now.adding(hours: -2), category: "politics", tags: ["سوريا"]), by: .system)
            let sport = try store.articles.create(
                Sample.article("رياضي", publishedAt: now.adding(hours: -1), category: "sport", tags: ["سوريا"]), by: .system)
            _ = try store.articles.create(Sample.article("مسودة", status: .draft, category: "coming", tags: ["سر"]), by: .system)
            _ = try store.articles.create(Sample.article("لاحقا", publishedAt: now.adding(hours: 1), category: "coming", tags: ["سر"]), by: .system)
            let service = feeds(store)

            let category = try service.feed(.category(slug: "politics"))
            #expect(category.term?.name == "سياسة" && category.term?.kind == .category)
            #expect(category.items.map(\.summary.id) == [politics.id])
            let tag = try service.feed(.tag(slug: "سوريا"))
            #expect(tag.term?.kind == .tag)
            #expect(tag.items.map(\.summary.id) == [sport.id, politics.id])
            // Unknown, or holding only drafts and scheduled articles: readers cannot open it either.
            for scope in [FeedScope.category(slug: "nothing"), .category(slug: "coming"), .tag(slug: "سر"), .tag(slug: "politics")] {
                #expect(storeError { try service.feed(scope) }?.isNotFound == true, "\(scope)")
            }
            store.clock.advance(hours: 1)
            #expect(try service.feed(.category(slug: "coming")).items.count == 1)
        }
    }

    @Test func articleSitemapsAreCutOldestFirstAndKeepEarlierPagesAsTheyWere() throws {
        try withStore { store throws in
            let now = store.clock.now
            var ids: [Int64] = []
            for index in 0..<7 {
                ids.append(
                    try store.articles.create(Sample.article("خبر \(index)", publishedAt: now.adding(hours: -10 + Int64(index))), by: .system).id)
            }
            _ = try store.articles.create(Sample.article("مسودة", status: .draft), by: .system)
            _ = try store.articles.create(Sample.article("مجدول", publishedAt: now.adding(hours: 2)), by: .system)
            let service = feeds(store, articleSitemapSize: 3)

            let pages = try service.sitemapIndex().articlePages
            #expect(pages.map(\.number) == [1, 2, 3])
            #expect(pages.map(\.urlCount) == [3, 3, 1])
            let slugs = try (1...3).flatMap { try service.articleSitemap(page: $0).map(\.slug) }
            #expect(slugs == (0..<7).map { "خبر-\($0)" })
            #expect(try service.articleSitemap(page: 4).isEmpty)
            #expect(try service.articleSitemap(page: 0).isEmpty)
            #expect(try service.articleSitemap(page: Int.max).isEmpty)

            // Each page's lastmod is the newest change among its articles.
            store.clock.advance(minutes: 5)
            var input = Sample.article("خبر 4 معدل", publishedAt: now.adding(hours: -6))
            input.slug = "خبر-4"
            _ = try store.articles.update(id: ids[4], input, by: .system)
            let changed = try service.sitemapIndex().articlePages
            #expect(changed[0].lastModified == pages[0].lastModified)
            #expect(changed[1].lastModified == store.clock.now)
            // A new article goes to the last page; the scheduled one once its time has come.
            store.clock.advance(hours: 2)
            #expect(try service.sitemapIndex().articlePages.map(\.urlCount) == [3, 3, 2])
        }
    }

    @Test func theDefaultCutIsTenThousandAddressesAFile() throws {
        try withStore { store throws in
            // 10,001 public articles written in one statement: the split must not wait for ten
            // thousand service writes.
            try store.database.write { db in
                try db.execute(
                    sql: """
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
                        INSERT INTO articles (slug, title, status, published_at, sort_at, created_at, updated_at, body)
                        SELECT 'bulk-' || i, 'خبر ' || i, 'published', 1000 * i, 1000 * i, 1000 * i, 1000 * i, '[]' FROM n
                        """)
            }
            let service = feeds(store)
            let pages = try service.sitemapIndex().articlePages
            #expect(pages.map(\.urlCount) == [10_000, 1])
            #expect(pages.map(\.lastModified.milliseconds) == [10_000_000, 10_001_000])
            let first = try service.articleSitemap(page: 1)
            #expect(first.count == 10_000)
            #expect(first.first?.slug == "bulk-1" && first.last?.slug == "bulk-10000")
            #expect(try service.articleSitemap(page: 2).map(\.slug) == ["bulk-10001"])
        }
    }

    @Test func theSectionSitemapListsTermsWithPublicArticles() throws {
        try withStore { store throws in
            _ = try store.terms.create(.category, TermInput(name: "سياسة", slug: "politics"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "فارغ", slug: "empty"), by: .system)
            let now = store.clock.now
            _ = try store.articles.create(Sample.article("أ", publishedAt: now.adding(hours: -3), category: "politics", tags: ["قديم"]), by: .system)
            _ = try store.articles.create(Sample.article("ب", publishedAt: now.adding(hours: -1), tags: ["جديد"]), by: .system)
            _ = try store.articles.create(Sample.article("ج", status: .draft, tags: ["مخفي"]), by: .system)
            let sitemap = try feeds(store).sectionSitemap()
            #expect(sitemap.homeLastPublished == now.adding(hours: -1))
            #expect(try feeds(store).sitemapIndex().sectionsLastModified == now.adding(hours: -1))
            #expect(sitemap.terms.map(\.slug) == ["politics", "جديد", "قديم"])
            #expect(sitemap.terms.map(\.kind) == [.category, .tag, .tag])
            #expect(sitemap.terms.map(\.lastPublished) == [now.adding(hours: -3), now.adding(hours: -1), now.adding(hours: -3)])

            try withStore { empty throws in
                #expect(try feeds(empty).sectionSitemap() == SectionSitemap(homeLastPublished: nil, terms: []))
                #expect(try feeds(empty).sitemapIndex() == SitemapIndex(articlePages: [], sectionsLastModified: nil, newsLastModified: nil))
            }
        }
    }

    @Test func theNewsSitemapHoldsTheLastFortyEightHours() throws {
        try withStore { store throws in
            let now = store.clock.now
            _ = try store.articles.create(Sample.article("قديم جدا", publishedAt: now.adding(hours: -48)), by: .system)
            let inside = try store.articles.create(Sample.article("داخل النافذة", publishedAt: now.adding(hours: -47)), by: .system)
            let newest = try store.articles.create(Sample.article("الأحدث", publishedAt: now.adding(minutes: -1)), by: .system)
            _ = try store.articles.create(Sample.article("مسودة", status: .draft), by: .system)
            _ = try store.articles.create(Sample.article("مجدول", publishedAt: now.adding(minutes: 10)), by: .system)
            let news = try feeds(store).newsSitemap()
            #expect(news.map(\.slug) == [newest.slug, inside.slug])
            #expect(news.map(\.title) == ["الأحدث", "داخل النافذة"])
            #expect(news.first?.publishedAt == now.adding(minutes: -1))
            // Created at the store's "now"; the index's lastmod is the newest change among them.
            #expect(try feeds(store).sitemapIndex().newsLastModified == news.map(\.updatedAt).max())
            store.clock.advance(hours: 2)
            #expect(try feeds(store).newsSitemap().map(\.slug).contains("مجدول"))
            #expect(try !feeds(store).newsSitemap().map(\.slug).contains(inside.slug))
        }
    }

    /// Every feed and sitemap query is a walk of a listing index: no scan of an article table,
    /// no sort of articles (the sitemap of sections sorts the terms it lists, never articles).
    @Test(arguments: [false, true])
    func feedQueriesWalkAnIndexWithoutSorting(analyzed: Bool) throws {
        try withStore { store throws in
            try QueryPlanTests.populate(store)
            if analyzed { try store.database.pool.writeWithoutTransaction { try $0.execute(sql: "ANALYZE") } }
            let db = try Connection(path: store.path, access: .readOnly)
            for sql in FeedRepository.allTexts {
                let plan = try QueryPlanTests.plan(of: sql, parameters: nil, in: db)
                let context = analyzed ? "after ANALYZE" : "no ANALYZE"
                QueryPlanTests.check(sql, plan: plan, context: context, allowSort: sql.contains("FROM categories t"))
                #expect(
                    plan.contains { $0.contains("USING INDEX articles_by_") || $0.contains("USING COVERING INDEX") }, "\(context): \(sql)\n\(plan)")
            }
            // And they run.
            let service = feeds(store)
            #expect(try !service.feed(.all).items.isEmpty)
            #expect(try !service.feed(.category(slug: "cat-1")).items.isEmpty)
            #expect(try !service.feed(.tag(slug: "وسم-1")).items.isEmpty)
            #expect(try !service.sitemapIndex().articlePages.isEmpty)
            #expect(try !service.articleSitemap(page: 1).isEmpty)
            #expect(try !service.sectionSitemap().terms.isEmpty)
            #expect(try !service.newsSitemap().isEmpty)
        }
    }
}
