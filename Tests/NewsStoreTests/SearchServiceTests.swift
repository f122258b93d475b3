import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// Search over real SQLite files: what is found, what never is, in which order, and that the
/// index follows every write.
@Suite struct SearchServiceTests {
    private func search(_ store: StoreFixture, _ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> SearchPage {
        var request = SearchRequest(terms: try SearchTerms(parsing: query))
        configure(&request)
        return try SearchService(database: store.database, clock: store.clock.clock).search(request)
    }

    private func titles(_ store: StoreFixture, _ query: String, configure: (inout SearchRequest) -> Void = { _ in }) throws -> [String] {
        try search(store, query, configure: configure).hits.map(\.article.title)
    }

    @Test func findsInflectedAndDiacritizedFormsButNotLookalikes() throws {
        try withStore { store in
            for title in ["الحكومة تعلن خطة", "وزراء الحكومات العربية", "بيان لِلحُكومةِ", "حكم قضائي جديد", "الحكم في القضية"] {
                _ = try store.articles.create(Sample.article(title), by: .system)
            }
            let found = Set(try titles(store, "حكومة"))
            #expect(found == ["الحكومة تعلن خطة", "وزراء الحكومات العربية", "بيان لِلحُكومةِ"])
            // The exact spelling ranks first.
            #expect(try titles(store, "الحكومة").first == "الحكومة تعلن خطة")
        }
    }

    @Test func listedDualsAndPluralsAndBothFormsOfAnAdjectiveAreFoundAfterARebuild() throws {
        try withStore { store in
            for title in [
                "اتفاق بين الطرفين", "فتح الملفات العالقة", "جندي بريطاني في العراق", "صلاة في جامع المدينة",
                "الجامعات تفتح أبوابها", "قمة في البحرين",
            ] {
                _ = try store.articles.create(Sample.article(title), by: .system)
            }
            // What migration 0013 runs: the index built again from the articles.
            try store.database.pool.write { db in
                try db.execute(sql: "INSERT INTO article_search (article_search) VALUES ('rebuild')")
                try db.execute(sql: "INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)")
            }
            #expect(try titles(store, "طرف") == ["اتفاق بين الطرفين"])
            #expect(try titles(store, "ملفا") == ["فتح الملفات العالقة"])
            #expect(try titles(store, "البريطانية") == ["جندي بريطاني في العراق"])
            #expect(try titles(store, "الجامعات") == ["الجامعات تفتح أبوابها"])
            #expect(try titles(store, "بحر").isEmpty)
        }
    }

    @Test func draftsArchivedAndScheduledArticlesAreNeverFound() throws {
        try withStore { store in
            _ = try store.articles.create(Sample.article("زلزال في تركيا", status: .published), by: .system)
            _ = try store.articles.create(Sample.article("زلزال مسودة", status: .draft), by: .system)
            _ = try store.articles.create(Sample.article("زلزال مؤرشف", status: .archived), by: .system)
            _ = try store.articles.create(
                Sample.article("زلزال لاحقا", status: .published, publishedAt: ManualClock.start.adding(hours: 2)), by: .system)
            #expect(try titles(store, "زلزال") == ["زلزال في تركيا"])
            store.clock.advance(hours: 3)
            #expect(Set(try titles(store, "زلزال")) == ["زلزال في تركيا", "زلزال لاحقا"])
        }
    }

    @Test func theIndexFollowsUpdatesAndDeletesInTheSameTransaction() throws {
        try withStore { store in
            let article = try store.articles.create(Sample.article("افتتاح مطار جديد"), by: .system)
            #expect(try titles(store, "مطار").count == 1)
            var input = Sample.article("افتتاح ميناء جديد", body: [.paragraph("سفن كثيرة")])
            input.slug = article.slug
            _ = try store.articles.update(id: article.id, input, by: .system)
            #expect(try titles(store, "مطار").isEmpty)
            #expect(try titles(store, "سفن") == ["افتتاح ميناء جديد"])
            try store.articles.delete(id: article.id, by: .system)
            #expect(try titles(store, "ميناء").isEmpty)
            // The index holds exactly the articles: FTS5's own check compares it with its content.
            try store.database.pool.write { db in
                try db.execute(sql: "INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)")
            }
        }
    }

    @Test func allWordsMustMatchAndPhrasesKeepTheirOrder() throws {
        try withStore { store in
            _ = try store.articles.create(Sample.article("أسعار الذهب ترتفع"), by: .system)
            _ = try store.articles.create(Sample.article("الذهب الأسود والأسعار"), by: .system)
            _ = try store.articles.create(Sample.article("أسعار النفط"), by: .system)
            // والأسعار is أسعار with its clitics.
            #expect(Set(try titles(store, "أسعار الذهب")) == ["أسعار الذهب ترتفع", "الذهب الأسود والأسعار"])
            #expect(Set(try titles(store, "ذهب")) == ["أسعار الذهب ترتفع", "الذهب الأسود والأسعار"])
            #expect(try titles(store, "\"أسعار الذهب\"") == ["أسعار الذهب ترتفع"])
            #expect(try titles(store, "\"الذهب أسعار\"").isEmpty)
            // A prefix matches surfaces and stems: والأسعار's stem begins with أسع.
            #expect(Set(try titles(store, "أسع*")) == ["أسعار الذهب ترتفع", "الذهب الأسود والأسعار", "أسعار النفط"])
            #expect(Set(try titles(store, "والأ*")) == ["الذهب الأسود والأسعار"])
        }
    }

    @Test func titleMatchesRankAboveBodyMatchesAndNewerAboveOlder() throws {
        try withStore { store in
            let start = ManualClock.start
            _ = try store.articles.create(
                Sample.article(
                    "تقرير اقتصادي", publishedAt: start.adding(days: -1), body: [.paragraph("ارتفعت أسعار القمح في الأسواق.")]), by: .system)
            _ = try store.articles.create(Sample.article("القمح يرتفع", publishedAt: start.adding(days: -400)), by: .system)
            _ = try store.articles.create(Sample.article("محصول القمح", publishedAt: start.adding(days: -2)), by: .system)
            #expect(try titles(store, "القمح") == ["محصول القمح", "القمح يرتفع", "تقرير اقتصادي"])
        }
    }

    @Test func filtersAndPagesWalkEveryHitOnce() throws {
        try withStore { store in
            _ = try store.terms.create(.category, TermInput(name: "سياسة", slug: "politics"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "اقتصاد", slug: "economy"), by: .system)
            for day in 0..<25 {
                _ = try store.articles.create(
                    Sample.article(
                        "خبر رقم \(day) عن دمشق", publishedAt: ManualClock.start.adding(days: Int64(-day)),
                        category: day % 2 == 0 ? "politics" : "economy",
                        tags: (day % 5 == 0 ? ["سوريا"] : []) + (day % 3 == 0 ? ["لبنان"] : [])), by: .system)
            }
            var seen: [Int64] = []
            var cursor: SearchCursor?
            repeat {
                let page = try search(store, "دمشق") {
                    $0.limit = 7
                    $0.cursor = cursor
                }
                seen += page.hits.map(\.article.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == 25 && Set(seen).count == 25)
            #expect(
                try search(store, "دمشق") {
                    $0.category = "economy"
                    $0.limit = 100
                }.hits.count == 12)
            #expect(try search(store, "دمشق") { $0.tags = ["سوريا"] }.hits.count == 5)
            // Every tag must match: days 0 and 15 carry both.
            #expect(try search(store, "دمشق") { $0.tags = ["سوريا", "لبنان"] }.hits.count == 2)
            #expect(try search(store, "دمشق") { $0.tags = ["سوريا", "no-such-tag"] }.hits.isEmpty)
            #expect(
                try search(store, "دمشق") {
                    $0.tags = ["لبنان"]
                    $0.category = "politics"
                    $0.since = ManualClock.start.adding(days: -12)
                }.hits.count == 3)
            #expect(try search(store, "دمشق") { $0.since = ManualClock.start.adding(days: -4) }.hits.count == 5)
            #expect(try search(store, "دمشق") { $0.until = ManualClock.start.adding(days: -19) }.hits.count == 5)
            #expect(try search(store, "دمشق") { $0.category = "no-such-category" }.hits.isEmpty)
        }
    }

    @Test func snippetsMarkTheWordsAsWrittenWithTheirHarakat() throws {
        try withStore { store in
            _ = try store.articles.create(
                Sample.article(
                    "دِمَشْقُ اليوم", body: [.paragraph("قالت مصادر في دِمَشْقَ إن الاجتماع انتهى."), .paragraph("وفي دمشق أيضا.")]), by: .system)
            let hit = try #require(try search(store, "دمشق").hits.first)
            #expect(hit.title.fragments == [.init(text: "دِمَشْقُ", isMatch: true), .init(text: " اليوم", isMatch: false)])
            let marked = hit.snippet.fragments.filter(\.isMatch).map(\.text)
            #expect(marked == ["دِمَشْقَ", "دمشق"])
        }
    }

    @Test func marksStayOnTheirWordsAfterALigatureOfSeveralWords() throws {
        // highlight() places words without spelling them; ﷺ is four words at one scalar, and
        // the words after it must keep the positions the index gave them.
        try withStore { store in
            _ = try store.articles.create(Sample.article("قال النبي \u{FDFA} في دمشق"), by: .system)
            let hit = try #require(try search(store, "دمشق").hits.first)
            #expect(hit.title.fragments.filter(\.isMatch).map(\.text) == ["دمشق"])
            let ligature = try #require(try search(store, "وسلم").hits.first)
            #expect(ligature.title.fragments.filter(\.isMatch).map(\.text) == ["\u{FDFA}"])
        }
    }

    @Test func hostileQueriesFindNothingOrAreRefusedNeverBreakSQL() throws {
        try withStore { store in
            _ = try store.articles.create(Sample.article("دمشق OR حلب"), by: .system)
            for query in ["NEAR(دمشق حلب)", "دمشق OR", "\"دمشق", "-دمشق", "دمشق*", "title:دمشق", "'; DROP TABLE articles; --"] {
                _ = try search(store, query)
            }
            #expect(try titles(store, "OR").count == 1)
            #expect(try titles(store, "'; DROP TABLE articles; --").isEmpty)
            #expect(try store.int("SELECT count(*) FROM articles") == 1)
        }
    }
}
