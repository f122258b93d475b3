import SQLite
import Testing

@testable import NewsStore

/// Suggested related articles: after the editors' links, public articles sharing the most tags,
/// then of the same category, newer first; kept between reads until a write or a scheduled
/// publication changes what is public.
@Suite struct RelatedSuggestionTests {
    /// A small newsroom around one story (`main`, Damascus joining a campaign against ISIS):
    /// articles sharing three, two, one and no tags with it, two more of its category, one of
    /// another, and three that must never be suggested (a draft, an archived and a scheduled one).
    struct Newsroom {
        let main: Article
        /// Shares all three tags; the oldest.
        let allThreeTags: Article
        /// Shares two tags; older than `twoTagsNewer`.
        let twoTagsOlder: Article
        let twoTagsNewer: Article
        /// Shares one tag.
        let oneTag: Article
        /// Same category, no tags; `categoryNewer` is newer than `oneTag`, which must not matter.
        let categoryNewer: Article
        let categoryOlder: Article
        /// Another category, another tag: never suggested.
        let unrelated: Article
        let draft: Article
        let archived: Article
        /// Shares all three tags; public an hour after the store's start.
        let scheduled: Article

        init(_ store: StoreFixture) throws {
            _ = try store.terms.create(.category, TermInput(name: "سياسة", slug: "politics"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "اقتصاد", slug: "economy"), by: .system)
            let now = store.clock.now
            func create(
                _ title: String, minutesAgo: Int64, category: String? = nil, tags: [String], status: ArticleStatus = .published
            ) throws -> Article {
                try store.articles.create(
                    Sample.article(
                        title, status: status, publishedAt: status == .draft ? nil : now.adding(minutes: -minutesAgo),
                        category: category, tags: tags), by: .system)
            }
            let story = ["سوريا", "داعش", "قسد"]
            main = try create("دمشق توافق على المشاركة في حملة ضد داعش", minutesAgo: 10, category: "politics", tags: story)
            allThreeTags = try create("قسد وداعش في دير الزور", minutesAgo: 600, tags: story)
            twoTagsOlder = try create("واشنطن تدعم الحملة ضد داعش في سوريا", minutesAgo: 300, tags: ["سوريا", "داعش"])
            twoTagsNewer = try create("اشتباكات مع قسد شرق سوريا", minutesAgo: 120, tags: ["قسد", "سوريا"])
            oneTag = try create("العراق يغلق حدوده مع سوريا", minutesAgo: 60, category: "politics", tags: ["سوريا", "العراق"])
            categoryNewer = try create("البرلمان يناقش الموازنة", minutesAgo: 30, category: "politics", tags: [])
            categoryOlder = try create("انتخابات بلدية في الشمال", minutesAgo: 90, category: "politics", tags: [])
            unrelated = try create("أسعار النفط ترتفع", minutesAgo: 5, category: "economy", tags: ["النفط"])
            draft = try create("مسودة عن داعش", minutesAgo: 0, category: "politics", tags: story, status: .draft)
            archived = try create("أرشيف عن داعش", minutesAgo: 1, category: "politics", tags: story, status: .archived)
            scheduled = try create("تقرير مجدول عن داعش", minutesAgo: -60, category: "politics", tags: story)
        }

        /// The suggestions for `main` when nothing else interferes, best first.
        var expectedOrder: [Int64] {
            [allThreeTags, twoTagsNewer, twoTagsOlder, oneTag, categoryNewer, categoryOlder].map(\.id)
        }
    }

    @Test(arguments: [Audience.reader, .editor])
    func mostSharedTagsFirstThenSameCategoryNewerFirst(audience: Audience) throws {
        try withStore { store throws in
            let newsroom = try Newsroom(store)
            // Five by default: the tag-sharing ones, then the newer of the category's.
            let article = try #require(try store.found(newsroom.main.id, for: audience))
            #expect(article.related.isEmpty)
            #expect(article.suggestions.map(\.id) == Array(newsroom.expectedOrder.prefix(5)))
            // With room for more, the category runs out too: no draft, archived, scheduled or
            // unrelated article, and never the article itself, fills the rest.
            let generous = ArticleService(database: store.database, events: .forTests, clock: store.clock.clock, relatedCount: 10)
            guard case .found(let all) = try generous.article(String(newsroom.main.id), for: audience) else {
                Issue.record("not found")
                return
            }
            #expect(all.suggestions.map(\.id) == newsroom.expectedOrder)
            // An article in the category without tags gets the category's newest.
            let untagged = try #require(try store.found(newsroom.categoryOlder.id, for: audience))
            #expect(untagged.suggestions.map(\.id) == [newsroom.main.id, newsroom.categoryNewer.id, newsroom.oneTag.id])
        }
    }

    @Test func editorsLinksComeFirstAndAreNeverSuggestedAgain() throws {
        try withStore { store throws in
            let newsroom = try Newsroom(store)
            let main = newsroom.main.id
            _ = try store.articles.setRelated(id: main, to: [newsroom.twoTagsNewer.id, newsroom.unrelated.id], by: .system)
            let linked = try #require(try store.found(main, for: .reader))
            #expect(linked.related.map(\.id) == [newsroom.twoTagsNewer.id, newsroom.unrelated.id])
            #expect(linked.suggestions.map(\.id) == [newsroom.allThreeTags.id, newsroom.twoTagsOlder.id, newsroom.oneTag.id])

            // Readers do not see a draft link, so they get one more suggestion than editors.
            _ = try store.articles.setRelated(id: main, to: [newsroom.draft.id, newsroom.twoTagsOlder.id], by: .system)
            let reader = try #require(try store.found(main, for: .reader))
            #expect(reader.related.map(\.id) == [newsroom.twoTagsOlder.id])
            #expect(
                reader.suggestions.map(\.id) == [
                    newsroom.allThreeTags.id, newsroom.twoTagsNewer.id, newsroom.oneTag.id, newsroom.categoryNewer.id,
                ])
            let editor = try #require(try store.found(main, for: .editor))
            #expect(editor.related.map(\.id) == [newsroom.draft.id, newsroom.twoTagsOlder.id])
            #expect(editor.suggestions.map(\.id) == [newsroom.allThreeTags.id, newsroom.twoTagsNewer.id, newsroom.oneTag.id])

            // A list as long as the count, or longer, is shown whole and nothing is suggested.
            let many = [
                newsroom.unrelated, newsroom.oneTag, newsroom.categoryOlder, newsroom.twoTagsOlder, newsroom.allThreeTags, newsroom.categoryNewer,
            ]
            _ = try store.articles.setRelated(id: main, to: many.map(\.id), by: .system)
            let full = try #require(try store.found(main, for: .reader))
            #expect(full.related.map(\.id) == many.map(\.id))
            #expect(full.suggestions.isEmpty)
        }
    }

    @Test func theCountBoundsSuggestionsAndZeroTurnsThemOff() throws {
        try withStore { store throws in
            let newsroom = try Newsroom(store)
            _ = try store.articles.setRelated(id: newsroom.main.id, to: [newsroom.unrelated.id], by: .system)
            func suggestions(count: Int) throws -> (related: [Int64], suggested: [Int64]) {
                let service = ArticleService(database: store.database, events: .forTests, clock: store.clock.clock, relatedCount: count)
                guard case .found(let article) = try service.article(String(newsroom.main.id), for: .reader) else { return ([], []) }
                return (article.related.map(\.id), article.suggestions.map(\.id))
            }
            #expect(try suggestions(count: 0) == ([newsroom.unrelated.id], []))
            #expect(try suggestions(count: 1) == ([newsroom.unrelated.id], []))
            #expect(try suggestions(count: 3) == ([newsroom.unrelated.id], [newsroom.allThreeTags.id, newsroom.twoTagsNewer.id]))
        }
    }

    /// Selections are kept between reads; a write, or the clock passing a scheduled article's
    /// time, makes the very next read choose again.
    @Test func theNextReadAfterAWriteOrAPublicationChoosesAgain() throws {
        try withStore { store throws in
            let newsroom = try Newsroom(store)
            let main = newsroom.main.id
            func suggested() throws -> [Int64] { try #require(try store.found(main, for: .reader)).suggestions.map(\.id) }
            #expect(try suggested() == Array(newsroom.expectedOrder.prefix(5)))
            #expect(try suggested() == Array(newsroom.expectedOrder.prefix(5)))

            let breaking = try store.articles.create(Sample.article("عاجل: هجوم لداعش", tags: ["داعش", "سوريا", "قسد"]), by: .system)
            #expect(try suggested() == [breaking.id] + newsroom.expectedOrder.prefix(4))

            var input = Sample.article("قسد وداعش في دير الزور", status: .draft, tags: ["سوريا", "داعش", "قسد"])
            input.slug = newsroom.allThreeTags.slug
            _ = try store.articles.update(id: newsroom.allThreeTags.id, input, by: .system)
            #expect(
                try suggested() == [breaking.id, newsroom.twoTagsNewer.id, newsroom.twoTagsOlder.id, newsroom.oneTag.id, newsroom.categoryNewer.id])

            // No write: only the clock passes the scheduled article's time.
            store.clock.advance(minutes: 61)
            #expect(try suggested() == [newsroom.scheduled.id, breaking.id, newsroom.twoTagsNewer.id, newsroom.twoTagsOlder.id, newsroom.oneTag.id])
        }
    }

    /// A write answers with the article as an editor's next read shows it, suggestions included,
    /// so the ETag of that answer is the one the read carries.
    @Test func writesAnswerWithTheSuggestionsAReadShows() throws {
        try withStore { store throws in
            let newsroom = try Newsroom(store)
            let created = try store.articles.create(Sample.article("خبر جديد عن قسد", category: "politics", tags: ["قسد"]), by: .system)
            #expect(!created.suggestions.isEmpty)
            #expect(created.suggestions == (try store.found(created.id, for: .editor))?.suggestions)
            let updated = try store.articles.update(
                id: newsroom.main.id, Sample.article("دمشق توافق", category: "politics", tags: ["داعش"]), by: .system)
            #expect(updated.suggestions == (try store.found(newsroom.main.id, for: .editor))?.suggestions)
            #expect(updated.suggestions.first?.id == newsroom.twoTagsOlder.id)
        }
    }

    /// The bound: each tag contributes only its newest public articles, so an older article
    /// sharing both tags counts the tag it is among the newest of, and no other.
    @Test func sharedTagsCountOnlyAmongEachTagsNewestArticles() throws {
        try withStore { store throws in
            let now = store.clock.now
            func create(_ title: String, minutesAgo: Int64, tags: [String]) throws -> Int64 {
                try store.articles.create(Sample.article(title, publishedAt: now.adding(minutes: -minutesAgo), tags: tags), by: .system).id
            }
            let main = try create("الخبر", minutesAgo: 200, tags: ["أ", "ب"])
            let both = try create("يشارك الوسمين", minutesAgo: 100, tags: ["أ", "ب"])
            let newestA = try create("الأحدث في أ", minutesAgo: 10, tags: ["أ"])
            let secondA = try create("الثاني في أ", minutesAgo: 20, tags: ["أ"])
            let onlyB = try create("في ب وحده", minutesAgo: 50, tags: ["ب"])
            let article = try #require(try store.found(main))
            func order(candidatesPerTag: Int) throws -> [Int64] {
                let selector = RelatedSelector(count: 5, candidatesPerTag: candidatesPerTag)
                return try store.database.read { db in try selector.select(for: article, at: now, in: db) }.suggested
            }
            // Unbounded here: `both` shares two tags and comes first.
            #expect(try order(candidatesPerTag: 100) == [both, newestA, secondA, onlyB])
            // Two per tag: tag أ offers newestA and secondA, tag ب offers onlyB and both; each
            // shares one tag in that view, so they stand newest first.
            #expect(try order(candidatesPerTag: 2) == [newestA, secondA, onlyB, both])
        }
    }

    /// A read's choice walks kept tag and category lists, a write's reads them afresh: on the
    /// mixed fixture, before and after writes that change what the lists hold, both choose the
    /// same for every article, and a second selector (nothing kept) agrees with them.
    @Test(arguments: [4, 100])
    func keptCandidateListsChooseWhatFreshReadsChoose(candidatesPerTag: Int) throws {
        try withStore { store throws in
            try QueryPlanTests.populate(store)
            let selector = RelatedSelector(count: 5, candidatesPerTag: candidatesPerTag)
            func compareAll() throws {
                let generation = store.database.generation
                let now = store.clock.now
                try store.database.read { db in
                    for id in Int64(1)...150 {
                        guard let article = try ArticleRepository().article(id: id, in: db) else { continue }
                        let kept = try selector.select(for: article, at: now, generation: generation, in: db)
                        let keptAgain = try selector.select(for: article, at: now, generation: generation, in: db)
                        let fresh = try RelatedSelector(count: 5, candidatesPerTag: candidatesPerTag).select(for: article, at: now, in: db)
                        #expect(kept.suggested == fresh.suggested, "article \(id)")
                        #expect(keptAgain.suggested == fresh.suggested, "article \(id)")
                        #expect(kept.expires == fresh.expires)
                    }
                }
            }
            try compareAll()
            let tagged = try #require(try store.found(1, for: .editor)).tags.elements.map(\.slug)
            _ = try store.articles.create(Sample.article("خبر جديد بالوسوم نفسها", tags: tagged), by: .system)
            try compareAll()
            store.clock.advance(minutes: 24 * 60 * 30)
            try compareAll()
        }
    }

    /// On the mixed fixture of the plan tests (150 articles, drafts, archived, scheduled, a few
    /// editors' lists), every detail holds the rules: no self, no duplicates, nothing a reader
    /// may not see, explicit links first, and as many items as the count when enough exist.
    @Test func everyDetailOfAMixedArchiveKeepsTheRules() throws {
        try withStore { store throws in
            try QueryPlanTests.populate(store)
            let now = store.clock.now
            for id in Int64(1)...150 {
                guard case .found(let article)? = try? store.articles.article(String(id), for: .reader) else { continue }
                let shown = (article.related + article.suggestions).map(\.id)
                #expect(!shown.contains(id), "article \(id) suggests itself")
                #expect(Set(shown).count == shown.count, "article \(id) shows \(shown)")
                for item in article.related + article.suggestions {
                    #expect(item.status == .published && item.publishedAt.map { $0 <= now } == true, "article \(id) shows \(item.id)")
                }
                #expect(shown.count == max(article.related.count, ArticleService.defaultRelatedCount), "article \(id)")
            }
        }
    }
}
