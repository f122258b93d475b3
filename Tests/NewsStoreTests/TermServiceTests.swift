import SQLite
import Testing

@testable import NewsStore

@Suite struct TermServiceTests {
    @Test func createGeneratesTheSlugFromTheArabicName() throws {
        try withStore { store throws in
            let politics = try store.terms.create(.category, TermInput(name: "  سياسة ", description: "أخبار السياسة"), by: .system)
            #expect(politics.kind == .category)
            #expect(politics.name == "سياسة")
            #expect(politics.slug == "سياسة")
            #expect(politics.description == "أخبار السياسة")
            #expect(politics.articleCount == 0)
            #expect(politics.createdAt == store.clock.now)
            #expect(try store.terms.term(.category, "سياسة", for: .editor) == politics)
            #expect(try store.terms.term(.category, String(politics.id), for: .editor) == politics)

            // Another name folding to the same slug gets a suffix.
            let again = try store.terms.create(.category, TermInput(name: "سِيَاسَة"), by: .system)
            #expect(again.slug == "سياسة-2")
            // Categories and tags are separate namespaces.
            #expect(try store.terms.create(.tag, TermInput(name: "سياسة"), by: .system).slug == "سياسة")
            #expect(storeError { try store.terms.term(.tag, "سياسة-2", for: .editor) }?.isNotFound == true)
        }
    }

    @Test func duplicateNamesAndTakenSlugsAreConflicts() throws {
        try withStore { store throws in
            _ = try store.terms.create(.category, TermInput(name: "سياسة"), by: .system)
            #expect(storeError { try store.terms.create(.category, TermInput(name: "سياسة"), by: .system) }?.isConflict == true)
            #expect(storeError { try store.terms.create(.category, TermInput(name: "أخبار سياسية", slug: "سياسة"), by: .system) }?.isConflict == true)
            #expect(storeError { try store.terms.create(.category, TermInput(name: "أخبار", slug: "Bad Slug"), by: .system) }?.pointers == ["/slug"])
            #expect(storeError { try store.terms.create(.category, TermInput(name: "  "), by: .system) }?.pointers == ["/name"])
            #expect(try store.terms.list(.category, for: .editor).map(\.name) == ["سياسة"])
        }
    }

    @Test func articleCountCountsOnlyPublicArticles() throws {
        try withStore { store throws in
            _ = try store.terms.create(.category, TermInput(name: "سياسة"), by: .system)
            let now = store.clock.now
            for (title, status, at) in [
                ("منشور", ArticleStatus.published, now.adding(hours: -1)), ("مسودة", .draft, nil),
                ("مجدول", .published, now.adding(hours: 1)), ("مؤرشف", .archived, now.adding(hours: -2)),
            ] {
                _ = try store.articles.create(Sample.article(title, status: status, publishedAt: at, category: "سياسة", tags: ["سوريا"]), by: .system)
            }
            #expect(try store.terms.term(.category, "سياسة", for: .editor).articleCount == 1)
            #expect(try store.terms.term(.tag, "سوريا", for: .editor).articleCount == 1)
            #expect(try store.terms.list(.category, for: .editor).map(\.articleCount) == [1])
            #expect(try store.terms.list(.tag, for: .editor).map(\.articleCount) == [1])
            store.clock.advance(hours: 1)
            #expect(try store.terms.term(.category, "سياسة", for: .editor).articleCount == 2)
            #expect(try store.terms.term(.tag, "سوريا", for: .editor).articleCount == 2)
            #expect(try store.terms.list(.tag, prefix: "سو", for: .editor).map(\.articleCount) == [2])
        }
    }

    @Test func prefixSearchMatchesNameOrSlug() throws {
        try withStore { store throws in
            for name in ["سوريا", "سودان", "لبنان", "مصر", "Solar Energy"] {
                _ = try store.terms.create(.tag, TermInput(name: name), by: .system)
            }
            _ = try store.terms.create(.tag, TermInput(name: "Sochi summit", slug: "سوتشي"), by: .system)
            _ = try store.terms.create(.tag, TermInput(name: "سوق الأسهم", slug: "stocks"), by: .system)

            #expect(try store.terms.list(.tag, prefix: "سو", for: .editor).map(\.name) == ["Sochi summit", "سودان", "سوريا", "سوق الأسهم"])
            #expect(try store.terms.list(.tag, prefix: "  سور ", for: .editor).map(\.name) == ["سوريا"])
            #expect(try store.terms.list(.tag, prefix: "sol", for: .editor).map(\.name) == ["Solar Energy"])
            #expect(try store.terms.list(.tag, prefix: "sto", for: .editor).map(\.name) == ["سوق الأسهم"])
            #expect(try store.terms.list(.tag, prefix: "س", for: .editor).count == 4)
            #expect(try store.terms.list(.tag, prefix: "سوريا-", for: .editor).isEmpty)
            #expect(try store.terms.list(.tag, prefix: "x", for: .editor).isEmpty)
            #expect(try store.terms.list(.tag, prefix: "  ", for: .editor).count == 7)
            #expect(try store.terms.list(.tag, for: .editor).count == 7)
            #expect(try store.terms.list(.tag, limit: 2, for: .editor).count == 2)
            #expect(try store.terms.list(.tag, limit: 0, for: .editor).count == 1)
            #expect(try store.terms.list(.category, prefix: "سو", for: .editor).isEmpty)
        }
    }

    @Test func updateChangesNameSlugAndDescription() throws {
        try withStore { store throws in
            let economy = try store.terms.create(.category, TermInput(name: "اقتصاد", description: "أخبار المال"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "رياضة"), by: .system)
            let article = try store.articles.create(Sample.article("خبر اقتصادي", category: "اقتصاد"), by: .system)
            store.clock.advance(minutes: 1)

            let renamed = try store.terms.update(.category, "اقتصاد", TermInput(name: "الاقتصاد"), by: .system)
            #expect(renamed.id == economy.id)
            #expect(renamed.name == "الاقتصاد")
            #expect(renamed.slug == "اقتصاد")
            #expect(renamed.description == "أخبار المال")
            #expect(renamed.updatedAt == store.clock.now)
            #expect(renamed.createdAt == economy.createdAt)
            let touched = try #require(try store.found(article.id))
            #expect(touched.category == TermReference(id: economy.id, slug: "اقتصاد", name: "الاقتصاد"))
            #expect(touched.version == 2)

            let reslugged = try store.terms.update(.category, String(economy.id), TermInput(slug: "economy"), by: .system)
            #expect(reslugged.slug == "economy")
            #expect(try store.terms.term(.category, "economy", for: .editor).id == economy.id)
            #expect(storeError { try store.terms.term(.category, "اقتصاد", for: .editor) }?.isNotFound == true)
            #expect(try store.found(article.id)?.category?.slug == "economy")
            #expect(try store.found(article.id)?.version == 3)

            let described = try store.terms.update(.category, "economy", TermInput(description: "المال والأعمال"), by: .system)
            #expect(described.description == "المال والأعمال")
            #expect(described.name == "الاقتصاد")
            #expect(try store.found(article.id)?.version == 3, "the description is not part of the article")
            let cleared = try store.terms.update(.category, "economy", TermInput(description: .some(nil)), by: .system)
            #expect(cleared.description == nil)
            #expect(try store.terms.term(.category, "economy", for: .editor).description == nil)
            let unchanged = try store.terms.update(.category, "economy", TermInput(), by: .system)
            #expect(unchanged.description == nil)
            #expect(unchanged.name == "الاقتصاد")

            #expect(storeError { try store.terms.update(.category, "economy", TermInput(name: "رياضة"), by: .system) }?.isConflict == true)
            #expect(storeError { try store.terms.update(.category, "economy", TermInput(slug: "رياضة"), by: .system) }?.isConflict == true)
            #expect(storeError { try store.terms.update(.category, "economy", TermInput(slug: "Economy"), by: .system) }?.pointers == ["/slug"])
            #expect(storeError { try store.terms.update(.category, "economy", TermInput(name: ""), by: .system) }?.pointers == ["/name"])
            #expect(storeError { try store.terms.update(.category, "no-such", TermInput(name: "س"), by: .system) }?.isNotFound == true)
            #expect(try store.terms.term(.category, "economy", for: .editor).name == "الاقتصاد")
        }
    }

    @Test func deletingACategoryWithArticlesNeedsMoveTo() throws {
        try withStore { store throws in
            let old = try store.terms.create(.category, TermInput(name: "قديم"), by: .system)
            let target = try store.terms.create(.category, TermInput(name: "جديد", slug: "new"), by: .system)
            let published = try store.articles.create(Sample.article("منشور", category: "قديم"), by: .system)
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft, category: "قديم"), by: .system)

            #expect(storeError { try store.terms.delete(.category, "قديم", by: .system) }?.isConflict == true)
            #expect(storeError { try store.terms.delete(.category, "قديم", moveTo: "قديم", by: .system) }?.pointers == ["/move_to"])
            #expect(storeError { try store.terms.delete(.category, "قديم", moveTo: "no-such", by: .system) }?.pointers == ["/move_to"])
            #expect(try store.terms.term(.category, String(old.id), for: .editor).name == "قديم")
            #expect(try store.found(draft.id)?.category?.id == old.id)

            try store.terms.delete(.category, "قديم", moveTo: "new", by: .system)
            #expect(storeError { try store.terms.term(.category, String(old.id), for: .editor) }?.isNotFound == true)
            for id in [published.id, draft.id] {
                let moved = try #require(try store.found(id))
                #expect(moved.category == target.reference)
                #expect(moved.version == 2)
            }
            var query = ArticleQuery()
            query.category = "new"
            #expect(try store.ids(query, for: .reader) == [published.id])
            query.status = .draft
            #expect(try store.ids(query, for: .editor) == [draft.id])
            #expect(try store.terms.term(.category, "new", for: .editor).articleCount == 1)

            // An empty category just goes.
            let empty = try store.terms.create(.category, TermInput(name: "فارغ"), by: .system)
            try store.terms.delete(.category, String(empty.id), by: .system)
            #expect(storeError { try store.terms.delete(.category, String(empty.id), by: .system) }?.isNotFound == true)
        }
    }

    @Test func deletingATagRemovesItFromItsArticles() throws {
        try withStore { store throws in
            let article = try store.articles.create(Sample.article("خبر", tags: ["سوريا", "لبنان", "العراق"]), by: .system)
            let other = try store.articles.create(Sample.article("آخر", tags: ["لبنان"]), by: .system)
            let lebanon = try store.terms.term(.tag, "لبنان", for: .editor)
            #expect(lebanon.articleCount == 2)

            try store.terms.delete(.tag, "لبنان", by: .system)
            #expect(storeError { try store.terms.term(.tag, "لبنان", for: .editor) }?.isNotFound == true)
            let updated = try #require(try store.found(article.id))
            #expect(updated.tags.elements.map(\.slug) == ["سوريا", "العراق"])
            #expect(updated.version == 2)
            #expect(try store.found(other.id)?.tags.elements.isEmpty == true)
            #expect(try store.int("SELECT count(*) FROM article_tags WHERE tag_id = ?", [.integer(lebanon.id)]) == 0)
            var query = ArticleQuery()
            query.tags = ["لبنان"]
            #expect(try store.ids(query).isEmpty)
            query.tags = ["سوريا"]
            #expect(try store.ids(query) == [article.id])
        }
    }
}
