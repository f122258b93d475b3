import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// A search's ranking is kept between searches (`SearchRankingCache`) exactly as long as it is
/// what ranking again would give: until a write, the next scheduled publication, or its
/// lifetime. To see that a ranking was kept, the tests change an article behind the service's
/// back, through the pool, which moves no generation: a kept ranking still holds the article,
/// a fresh one does not.
@Suite struct SearchRankingCacheTests {
    private func titles(_ search: SearchService, _ query: String, limit: Int = 20, cursor: SearchCursor? = nil) throws -> [String] {
        var request = SearchRequest(terms: try SearchTerms(parsing: query))
        request.limit = limit
        request.cursor = cursor
        return try search.search(request).hits.map(\.article.title)
    }

    /// Archives the article titled `title` without telling the caches.
    private func archiveBehindTheServicesBack(_ store: StoreFixture, _ title: String) throws {
        try store.database.pool.write { db in
            try db.withStatement("UPDATE articles SET status = 'archived' WHERE title = ?1") { statement in
                try statement.bind([.text(title)])
                _ = try statement.step()
            }
        }
    }

    @Test func aRankingIsKeptForItsPagesAndOtherReadersUntilAWrite() throws {
        try withStore { store in
            for title in ["زلزال في تركيا", "زلزال في اليابان", "زلزال في تشيلي"] {
                _ = try store.articles.create(Sample.article(title), by: .system)
                store.clock.advance(minutes: 1)
            }
            let search = SearchService(database: store.database, clock: store.clock.clock)
            #expect(try titles(search, "زلزال", limit: 2) == ["زلزال في تشيلي", "زلزال في اليابان"])
            try archiveBehindTheServicesBack(store, "زلزال في تركيا")
            // The next page, and the first again, come from the kept ranking.
            #expect(try titles(search, "زلزال", limit: 2, cursor: SearchCursor(offset: 2)) == ["زلزال في تركيا"])
            #expect(try titles(search, "زلزال").count == 3)
            // Another query, or other filters, rank afresh.
            #expect(try titles(search, "زلزال تركيا").isEmpty)
            _ = try store.articles.create(Sample.article("زلزال في إيطاليا"), by: .system)
            #expect(try titles(search, "زلزال") == ["زلزال في إيطاليا", "زلزال في تشيلي", "زلزال في اليابان"])
        }
    }

    @Test func aHitShownBeforeKeepsItsMarks() throws {
        try withStore { store in
            let article = try store.articles.create(Sample.article("زلزال في تركيا"), by: .system)
            let search = SearchService(database: store.database, clock: store.clock.clock)
            func title() throws -> [MarkedText.Fragment] {
                try search.search(SearchRequest(terms: SearchTerms(parsing: "زلزال"))).hits.first?.title.fragments ?? []
            }
            let marked: [MarkedText.Fragment] = [.init(text: "زلزال", isMatch: true), .init(text: " في تركيا", isMatch: false)]
            #expect(try title() == marked)
            // Behind the service's back the index follows the new title (its triggers run), but
            // the kept marks are still those of the old one.
            try store.database.pool.write { db in
                try db.withStatement("UPDATE articles SET title = 'في تركيا زلزال' WHERE id = ?1") { statement in
                    try statement.bind([.integer(article.id)])
                    _ = try statement.step()
                }
            }
            #expect(try title() == marked)
            _ = try store.articles.create(Sample.article("خبر آخر"), by: .system)
            #expect(try title() == [.init(text: "في تركيا ", isMatch: false), .init(text: "زلزال", isMatch: true)])
        }
    }

    @Test func aRankingEndsWhenAScheduledArticleComesOut() throws {
        try withStore { store in
            _ = try store.articles.create(Sample.article("زلزال في تركيا"), by: .system)
            _ = try store.articles.create(
                Sample.article("زلزال لاحقا", publishedAt: ManualClock.start.adding(minutes: 1)), by: .system)
            let search = SearchService(database: store.database, clock: store.clock.clock)
            #expect(try titles(search, "زلزال") == ["زلزال في تركيا"])
            store.clock.advance(minutes: 1)
            #expect(try titles(search, "زلزال") == ["زلزال لاحقا", "زلزال في تركيا"])
        }
    }

    @Test func aRankingLastsItsLifetimeAtMostAndNothingIsKeptWithoutRoom() throws {
        try withStore { store in
            for title in ["زلزال في تركيا", "زلزال في اليابان"] {
                _ = try store.articles.create(Sample.article(title), by: .system)
            }
            let search = SearchService(database: store.database, clock: store.clock.clock)
            #expect(try titles(search, "زلزال").count == 2)
            try archiveBehindTheServicesBack(store, "زلزال في تركيا")
            store.clock.advance(milliseconds: 9_999)
            #expect(try titles(search, "زلزال").count == 2)
            store.clock.advance(milliseconds: 1)
            #expect(try titles(search, "زلزال") == ["زلزال في اليابان"])

            let keepingNothing = SearchService(database: store.database, cacheCapacity: 0, clock: store.clock.clock)
            #expect(try titles(keepingNothing, "زلزال") == ["زلزال في اليابان"])
            try archiveBehindTheServicesBack(store, "زلزال في اليابان")
            #expect(try titles(keepingNothing, "زلزال").isEmpty)
        }
    }
}
