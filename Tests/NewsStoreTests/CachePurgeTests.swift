import SQLite
import Testing

@testable import NewsStore

/// Which surrogate keys writes purge, appended to the outbox in their own transaction, and how
/// the delivery queue merges and settles them.
@Suite struct CachePurgeTests {
    /// A store whose writes purge one target, with a category and two tags.
    private struct Fixture {
        static let target = CachePurges.targetID(of: "varnish http://127.0.0.1:6081/")
        let store: StoreFixture
        let articles: ArticleService
        let terms: TermService
        let comments: CommentService
        let queue: DeliveryQueue
        let latency = PurgeLatency()
        let news: Term
        let sport: Term
        let gaza: Term
        let rain: Term

        init() throws {
            store = try StoreFixture()
            let purges = CachePurges(targets: [Self.target])
            let events = ArticleEvents(renderer: TestSummaryRenderer(), publication: Publication(origin: "https://news.example"), purges: purges)
            articles = ArticleService(database: store.database, events: events, clock: store.clock.clock)
            terms = TermService(database: store.database, purges: purges, clock: store.clock.clock)
            comments = CommentService(
                database: store.database,
                events: CommentEvents(
                    comments: TestCommentRenderer(), summaries: TestSummaryRenderer(), publication: Publication(origin: "https://news.example"),
                    purges: purges),
                moderation: CommentModeration(mode: .pre), clock: store.clock.clock)
            queue = DeliveryQueue(database: store.database, events: events, purgeLatency: latency, clock: store.clock.clock)
            news = try terms.create(.category, TermInput(name: "أخبار", slug: "news"), by: .system)
            sport = try terms.create(.category, TermInput(name: "رياضة", slug: "sport"), by: .system)
            gaza = try terms.create(.tag, TermInput(name: "غزة", slug: "gaza"), by: .system)
            rain = try terms.create(.tag, TermInput(name: "مطر", slug: "rain"), by: .system)
        }

        /// The keys of each purge row, oldest first.
        func purges() throws -> [String] {
            try store.strings("SELECT CAST(payload AS TEXT) FROM outbox WHERE target_kind = 'purge' ORDER BY id")
        }

        /// The keys the next write purges.
        func keys(of write: () throws -> Void) throws -> [String] {
            let before = try purges().count
            try write()
            let rows = try purges()
            #expect(rows.count <= before + 1, "one purge row per write and target")
            return rows.count > before ? rows[before].split(separator: " ").map(String.init) : []
        }

        func article(_ title: String, status: ArticleStatus = .published, publishedAt: Timestamp? = nil) -> ArticleInput {
            Sample.article(title, status: status, publishedAt: publishedAt, category: "news", tags: ["gaza", "rain"])
        }
    }

    private func withFixture(_ body: (Fixture) throws -> Void) throws {
        let fixture = try Fixture()
        defer { fixture.store.close() }
        try body(fixture)
    }

    @Test func anArticleEditPurgesExactlyItsKeyItsCategoryItsTagsSearchAndSitemaps() throws {
        try withFixture { fixture in
            let created = try fixture.articles.create(fixture.article("خبر"), by: .system)
            var edit = fixture.article("خبر بعنوان جديد")
            edit.publishedAt = created.publishedAt
            let keys = try fixture.keys {
                _ = try fixture.articles.update(id: created.id, edit, by: .system)
            }
            // In place: not the home listing or the feeds, which show its summary under its own key.
            #expect(
                keys == [
                    "article-\(created.id)", "category-\(fixture.news.id)", "tag-\(fixture.gaza.id)", "tag-\(fixture.rain.id)", "search", "sitemap",
                ])
        }
    }

    @Test func publishingUnpublishingAndMovingPurgeTheListingsAndBothSidesTerms() throws {
        try withFixture { fixture in
            let draft = try fixture.articles.create(fixture.article("مسودة", status: .draft), by: .system)
            #expect(try fixture.purges().isEmpty, "a draft shows nowhere")
            let (id, news, sport, gaza, rain) = (draft.id, fixture.news.id, fixture.sport.id, fixture.gaza.id, fixture.rain.id)
            var publishedAt: Timestamp?
            let published = try fixture.keys {
                publishedAt = try fixture.articles.update(id: id, fixture.article("منشور"), by: .system).publishedAt
            }
            #expect(published == ["article-\(id)", "list", "feed", "category-\(news)", "tag-\(gaza)", "tag-\(rain)", "search", "sitemap"])

            var moved = fixture.article("منشور")
            moved.category = "sport"
            moved.tags = ["rain"]
            moved.publishedAt = publishedAt
            let keys = try fixture.keys { _ = try fixture.articles.update(id: id, moved, by: .system) }
            #expect(keys == ["article-\(id)", "category-\(news)", "tag-\(gaza)", "tag-\(rain)", "category-\(sport)", "search", "sitemap"])

            let unpublished = try fixture.keys { try fixture.articles.delete(id: id, by: .system) }
            #expect(unpublished == ["article-\(id)", "list", "feed", "category-\(sport)", "tag-\(rain)", "search", "sitemap"])
        }
    }

    @Test func aScheduledArticlePurgesWhenItsTimeComesNotWhenItIsWritten() throws {
        try withFixture { fixture in
            let due = fixture.store.clock.now + .seconds(600)
            let scheduled = try fixture.articles.create(fixture.article("مجدول", publishedAt: due), by: .system)
            #expect(try fixture.purges().isEmpty)
            #expect(try fixture.queue.announceDueArticles() == 0)
            fixture.store.clock.set(due)
            let keys = try fixture.keys { try fixture.queue.announceDueArticles() }
            #expect(keys.first == "article-\(scheduled.id)")
            #expect(keys.contains("list") && keys.contains("feed") && keys.contains("category-\(fixture.news.id)"))
        }
    }

    @Test func aTermChangePurgesTheTermAndEveryArticleShowingIt() throws {
        try withFixture { fixture in
            let first = try fixture.articles.create(fixture.article("أول"), by: .system)
            let second = try fixture.articles.create(fixture.article("ثان"), by: .system)
            #expect(try fixture.keys { _ = try fixture.terms.create(.tag, TermInput(name: "جديد"), by: .system) }.isEmpty, "a new term shows nowhere")
            let keys = try fixture.keys { _ = try fixture.terms.update(.tag, "gaza", TermInput(name: "قطاع غزة"), by: .system) }
            #expect(Array(keys.prefix(5)) == ["tag-\(fixture.gaza.id)", "list", "search", "feed", "sitemap"])
            #expect(Set(keys.dropFirst(5)) == ["article-\(first.id)", "article-\(second.id)"] && keys.count == 7)
        }
    }

    @Test func commentsPurgeTheirArticleOnlyWhenWhatReadersSeeChanges() throws {
        try withFixture { fixture in
            let article = try fixture.articles.create(fixture.article("خبر"), by: .system)
            var input = CommentInput()
            input.authorName = "قارئ"
            input.body = "تعليق"
            let comment = try fixture.comments.create(on: "\(article.id)", input, from: CommentSender(address: nil, key: "k"), requestID: "")
            let pending = try fixture.purges().count
            #expect(comment.status == .pending)
            let approved = try fixture.keys { _ = try fixture.comments.moderate(id: comment.id, to: .approved, by: .system) }
            #expect(approved == ["comments-\(article.id)", "article-\(article.id)"])
            let deleted = try fixture.keys { try fixture.comments.delete(id: comment.id, by: .system) }
            #expect(deleted == ["comments-\(article.id)", "article-\(article.id)"])
            #expect(try fixture.purges().count == pending + 2)
        }
    }

    @Test func aRolledBackWritePurgesNothing() throws {
        try withFixture { fixture in
            let article = try fixture.articles.create(fixture.article("خبر"), by: .system)
            let before = try fixture.purges().count
            #expect(throws: NewsStoreError.self) {
                _ = try fixture.articles.update(id: article.id, fixture.article("قديم"), expectedVersion: article.version - 1, by: .system)
            }
            #expect(try fixture.purges().count == before)
        }
    }

    @Test func duePurgesOfATargetGoOutMergedAndSettleTogether() throws {
        try withFixture { fixture in
            let first = try fixture.articles.create(fixture.article("أول"), by: .system)
            let second = try fixture.articles.create(fixture.article("ثان"), by: .system)
            let due = try fixture.queue.duePurges(targets: [Fixture.target], excluding: [])
            let purge = try #require(due.first)
            #expect(due.count == 1 && purge.rows.count == 2)
            #expect(purge.keys.filter { $0.hasPrefix("article-") } == ["article-\(first.id)", "article-\(second.id)"])
            #expect(Set(purge.keys).count == purge.keys.count, "each key once")
            #expect(try fixture.queue.duePurges(targets: [Fixture.target], excluding: [Fixture.target]).isEmpty, "one at a time per target")

            let now = fixture.store.clock.now
            try fixture.queue.record(
                DeliveryQueue.AttemptResult(
                    attemptedAt: now, duration: .milliseconds(20), status: nil, error: "refused", outcome: .retry, retryAt: now + .seconds(1)),
                of: purge)
            #expect(try fixture.queue.duePurges(targets: [Fixture.target], excluding: []).isEmpty, "waits for its retry")
            #expect(try fixture.queue.nextWakeTime() == now + .seconds(1))
            fixture.store.clock.set(now + .seconds(1))
            let retried = try #require(try fixture.queue.duePurges(targets: [Fixture.target], excluding: []).first)
            #expect(retried.rows == purge.rows && retried.attempts == 1)
            try fixture.queue.record(
                DeliveryQueue.AttemptResult(
                    attemptedAt: now + .seconds(1), duration: .milliseconds(30), status: 200, error: nil, outcome: .delivered, retryAt: nil),
                of: retried)
            let statistics = try fixture.store.database.purgeStatistics()
            #expect(statistics.backlog == 0)
            #expect(statistics.attempts[.retry] == 2 && statistics.attempts[.delivered] == 2)
            let latency = fixture.latency.snapshot()
            #expect(latency.count == 2 && latency.sumSeconds == 2 * 1.03)
            #expect(latency.buckets.first { $0.boundMilliseconds == 2500 }?.count == 2)
            #expect(latency.buckets.first { $0.boundMilliseconds == 1000 }?.count == 0)
        }
    }

    @Test func purgesOfTargetsNoLongerConfiguredAreGivenUpAtStart() throws {
        try withFixture { fixture in
            _ = try fixture.articles.create(fixture.article("خبر"), by: .system)
            #expect(try fixture.store.database.giveUpPurges(except: [Fixture.target]) == 0)
            #expect(try fixture.store.database.giveUpPurges(except: [CachePurges.targetID(of: "varnish http://10.0.0.2:6081/")]) == 1)
            #expect(try fixture.store.database.purgeStatistics().backlog == 0)
        }
    }

    @Test func aTargetsIDIsStableAndItsOwn() {
        let id = CachePurges.targetID(of: "varnish http://127.0.0.1:6081/")
        #expect(id == CachePurges.targetID(of: "varnish http://127.0.0.1:6081/"))
        #expect(id != CachePurges.targetID(of: "varnish http://127.0.0.1:6082/"))
        #expect(id >= 0)
    }
}
