import Dispatch
import SQLite
import Synchronization
import Testing

@testable import NewsStore

@Suite struct ArticleServiceTests {
    // MARK: Migrations

    @Test func migrationsFromEmptyCreateTheSchemaAndReopeningAppliesNothing() throws {
        let store = try StoreFixture()
        defer { store.close() }
        // Every migration in the folder, in order, starting at 0001.
        let versions = try Migrator(directory: repositoryMigrationsDirectory()).migrations.map(\.version)
        #expect(versions.first == 1)
        #expect(store.database.appliedMigrations.map(\.version) == versions)
        #expect(try store.database.schemaVersion() == versions.last)
        #expect(try store.strings("SELECT version FROM schema_migrations ORDER BY version") == versions.map(String.init))
        let tables = Set(try store.strings("SELECT name FROM sqlite_master WHERE type = 'table'"))
        for table in [
            "categories", "tags", "articles", "article_tags", "article_sources", "related_articles", "slug_redirects",
            "api_tokens", "schema_migrations",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let indexes = Set(try store.strings("SELECT name FROM sqlite_master WHERE type = 'index'"))
        #expect(indexes.isSuperset(of: ["articles_by_status", "articles_by_category", "articles_by_author", "article_tags_by_tag"]))
        _ = try store.articles.create(Sample.article("خبر قبل إعادة الفتح"), by: .system)
        store.database.close()

        let reopened = try NewsDatabase(path: store.path, migrationsDirectory: repositoryMigrationsDirectory())
        defer { reopened.close() }
        #expect(reopened.appliedMigrations.isEmpty)
        #expect(try reopened.schemaVersion() == versions.last)
        let service = ArticleService(database: reopened, events: .forTests, clock: store.clock.clock)
        #expect(try service.list(ArticleQuery(), for: .reader).items.map(\.title) == ["خبر قبل إعادة الفتح"])
    }

    // MARK: Slugs

    @Test func createGeneratesTheArabicSlugAndSuffixesRepeats() throws {
        try withStore { store throws in
            let first = try store.articles.create(Sample.article(Sample.seedTitle), by: .system)
            let second = try store.articles.create(Sample.article(Sample.seedTitle), by: .system)
            let third = try store.articles.create(Sample.article(Sample.seedTitle, status: .draft), by: .system)
            #expect(first.slug == Sample.seedSlug)
            #expect(second.slug == Sample.seedSlug + "-2")
            #expect(third.slug == Sample.seedSlug + "-3")
            #expect(try store.found(Sample.seedSlug + "-2", for: .reader)?.id == second.id)
        }
    }

    @Test func explicitSlugTakenIsAConflictAndAnInvalidOneIsRejectedAtSlash() throws {
        try withStore { store throws in
            let first = try store.articles.create(Sample.article("خبر", slug: "دمشق-واشنطن"), by: .system)
            #expect(first.slug == "دمشق-واشنطن")
            let conflict = storeError { try store.articles.create(Sample.article("خبر آخر", slug: "دمشق-واشنطن"), by: .system) }
            #expect(conflict?.isConflict == true)
            for bad in ["Not A Slug", "123", "-leading", "double--hyphen", "دَمَشْق"] {
                let invalid = storeError { try store.articles.create(Sample.article("خبر ثالث", slug: bad), by: .system) }
                #expect(invalid?.pointers == ["/slug"], "slug \(bad)")
            }
            #expect(try store.int("SELECT count(*) FROM articles") == 1)
        }
    }

    @Test func titleWithoutSlugLettersFallsBackToArticle() throws {
        try withStore { store throws in
            #expect(try store.articles.create(Sample.article("؟؟؟ !!! «»"), by: .system).slug == "article")
            #expect(try store.articles.create(Sample.article("..."), by: .system).slug == "article-2")
            #expect(try store.articles.create(Sample.article("2025"), by: .system).slug == "2025-n")
        }
    }

    @Test func concurrentCreatesOfOneTitleGetDistinctSlugs() throws {
        try withStore(readers: 4) { store throws in
            let results = Mutex<[Result<String, any Error>]>([])
            let service = store.articles
            DispatchQueue.concurrentPerform(iterations: 12) { _ in
                let result = Result { try service.create(Sample.article(Sample.seedTitle), by: .system).slug }
                results.withLock { $0.append(result) }
            }
            let slugs = try results.withLock { $0 }.map { try $0.get() }
            #expect(Set(slugs) == Set([Sample.seedSlug] + (2...12).map { Sample.seedSlug + "-\($0)" }))
        }
    }

    @Test func aWriteFailingAfterItCreatedTagsLeavesNothingBehind() throws {
        try withStore { store throws in
            // A failure late in the transaction, after the article row and its new tags are written.
            try store.database.pool.writeWithoutTransaction { db in
                try db.execute(
                    sql: """
                        CREATE TRIGGER test_fail_source BEFORE INSERT ON article_sources WHEN NEW.name = 'يفشل'
                        BEGIN SELECT RAISE(ABORT, 'forced failure'); END
                        """)
            }
            let existing = try store.articles.create(Sample.article("موجود", tags: ["قديم"]), by: .system)
            let input = Sample.article("سيفشل", tags: ["قديم", "وسم جديد"], sources: [CitedSource(name: "يفشل")])
            do {
                _ = try store.articles.create(input, by: .system)
                Issue.record("the forced failure did not happen")
            } catch {
                #expect(String(describing: error).contains("forced failure"))
            }
            #expect(try store.int("SELECT count(*) FROM articles") == 1)
            #expect(try store.strings("SELECT name FROM tags") == ["قديم"])
            #expect(try store.int("SELECT count(*) FROM article_tags") == 1)

            var update = Sample.article("موجود", tags: ["وسم آخر"], sources: [CitedSource(name: "يفشل")])
            update.slug = "اسم-جديد"
            do {
                _ = try store.articles.update(id: existing.id, update, by: .system)
                Issue.record("the forced failure did not happen")
            } catch {}
            #expect(try store.found(existing.id) == existing)
            #expect(try store.strings("SELECT name FROM tags") == ["قديم"])
            #expect(try store.int("SELECT count(*) FROM slug_redirects") == 0)
        }
    }

    // MARK: Content

    @Test func arabicContentRoundTripsExactly() throws {
        try withStore { store throws in
            var input = Sample.article(
                Sample.seedTitle, author: "مراسل إرم نيوز في دمشق", sources: [Sample.source, CitedSource(name: "رويترز")],
                body: Sample.body)
            input.summary = "دمشق توافق على الانضمام إلى تحالف رباعي،\nبضغط أمريكي."
            input.hero = Sample.hero
            let created = try store.articles.create(input, by: .system)
            for article in [created, try #require(try store.found(Sample.seedSlug, for: .reader))] {
                #expect(article.title == Sample.seedTitle)
                #expect(article.summary == "دمشق توافق على الانضمام إلى تحالف رباعي،\nبضغط أمريكي.")
                #expect(article.body.blocks == Sample.body)
                #expect(article.hero == Sample.hero)
                #expect(article.hero?.alt == "قوات خاصة سورية")
                #expect(article.author == "مراسل إرم نيوز في دمشق")
                #expect(article.sources.elements == [Sample.source, CitedSource(name: "رويترز")])
                #expect(article.sources.elements.first?.name == "إرم نيوز")
            }
            // The stored text is the exact UTF-8 (no escaping of Arabic in the body JSON).
            let storedTitle = try store.strings("SELECT title FROM articles").first
            #expect(storedTitle == Sample.seedTitle)
            let storedBody = try #require(try store.strings("SELECT body FROM articles").first)
            #expect(storedBody.contains("قوات خاصة سورية"))
        }
    }

    @Test func defaultStatusIsDraftWithoutPublicationTime() throws {
        try withStore { store throws in
            let article = try store.articles.create(Sample.article("مسودة", status: nil, body: []), by: .system)
            #expect(article.status == .draft)
            #expect(article.publishedAt == nil)
            #expect(article.version == 1)
            #expect(article.createdAt == store.clock.now)
            #expect(article.updatedAt == store.clock.now)
        }
    }

    @Test func publishingWithoutPublishedAtUsesTheClock() throws {
        try withStore { store throws in
            store.clock.advance(minutes: 17)
            let article = try store.articles.create(Sample.article("عاجل"), by: .system)
            #expect(article.status == .published)
            #expect(article.publishedAt == store.clock.now)
            #expect(try store.found(article.id, for: .reader) != nil)
        }
    }

    @Test func tagsAreCreatedOnFirstUseAndReusedByNameOrSlug() throws {
        try withStore { store throws in
            let first = try store.articles.create(Sample.article("أول", tags: ["الشرق الأوسط", "Donald Trump"]), by: .system)
            #expect(first.tags.elements.map(\.name) == ["الشرق الأوسط", "Donald Trump"])
            #expect(first.tags.elements.map(\.slug) == ["الشرق-الأوسط", "donald-trump"])
            #expect(try store.int("SELECT count(*) FROM tags") == 2)

            // By slug, by name, and a repeat of the same tag, in a new order.
            let second = try store.articles.create(Sample.article("ثان", tags: ["donald-trump", "الشرق الأوسط", "Donald Trump"]), by: .system)
            #expect(second.tags.elements.map(\.id) == [first.tags.elements[1].id, first.tags.elements[0].id])
            #expect(try store.int("SELECT count(*) FROM tags") == 2)

            let third = try store.articles.create(Sample.article("ثالث", tags: ["الشرق-الأوسط", "سوريا"]), by: .system)
            #expect(third.tags.elements.map(\.id).first == first.tags.elements[0].id)
            #expect(third.tags.elements.map(\.slug) == ["الشرق-الأوسط", "سوريا"])
            #expect(try store.int("SELECT count(*) FROM tags") == 3)
        }
    }

    @Test func unknownCategoryIsInvalidAndLeavesNothingBehind() throws {
        try withStore { store throws in
            _ = try store.terms.create(.category, TermInput(name: "سياسة"), by: .system)
            let error = storeError {
                try store.articles.create(Sample.article("خبر", category: "رياضة", tags: ["وسم-جديد", "وسم آخر"]), by: .system)
            }
            #expect(error?.pointers == ["/category"])
            #expect(try store.int("SELECT count(*) FROM articles") == 0)
            #expect(try store.int("SELECT count(*) FROM tags") == 0)
            #expect(try store.int("SELECT count(*) FROM article_tags") == 0)

            // The category by slug, by name and by id all work.
            let category = try store.terms.term(.category, "سياسة", for: .editor)
            for key in ["سياسة", String(category.id)] {
                let article = try store.articles.create(Sample.article("خبر \(key)", category: key), by: .system)
                #expect(article.category == category.reference)
            }
        }
    }

    @Test func validationErrorsCarryJSONPointers() throws {
        try withStore { store throws in
            var missingTitle = Sample.article("x")
            missingTitle.title = "   "
            #expect(storeError { try store.articles.create(missingTitle, by: .system) }?.pointers == ["/title"])

            let script = Sample.article("صورة", body: [.paragraph("نص"), .image(Block.Image(url: "javascript:alert(1)"))])
            #expect(storeError { try store.articles.create(script, by: .system) }?.pointers == ["/body/1/url"])

            let heading = Sample.article("عنوان", body: [.paragraph("نص"), .paragraph("نص"), .heading("عنوان فرعي", level: 7)])
            #expect(storeError { try store.articles.create(heading, by: .system) }?.pointers == ["/body/2/level"])

            let empty = Sample.article("فارغ", status: .published, body: [])
            #expect(storeError { try store.articles.create(empty, by: .system) }?.pointers == ["/body"])

            var everything = Sample.article("", status: .published, tags: ["وسم لم يوجد"], body: [])
            everything.title = nil
            everything.hero = HeroImage(url: "data:text/html,x")
            everything.sources = [CitedSource(name: " ", url: "ftp://example.com")]
            let all = storeError { try store.articles.create(everything, by: .system) }?.pointers ?? []
            #expect(Set(all) == ["/title", "/body", "/hero/url", "/sources/0/name", "/sources/0/url"])

            // Nothing was written by any of them: no article, no tag.
            #expect(try store.int("SELECT count(*) FROM articles") == 0)
            #expect(try store.int("SELECT count(*) FROM tags") == 0)
        }
    }

    // MARK: Visibility

    @Test(arguments: [ArticleStatus.draft, .archived])
    func unpublishedArticlesAreHiddenFromReaders(status: ArticleStatus) throws {
        try withStore { store throws in
            let article = try store.articles.create(Sample.article("غير منشور", status: status), by: .system)
            for key in [String(article.id), article.slug] {
                #expect(storeError { try store.articles.article(key, for: .reader) }?.isNotFound == true)
                #expect(try store.found(key, for: .editor)?.id == article.id)
            }
            #expect(try store.ids(ArticleQuery(), for: .reader).isEmpty)
        }
    }

    @Test func scheduledArticleBecomesVisibleWhenTheClockPassesItsTime() throws {
        try withStore { store throws in
            let at = store.clock.now.adding(hours: 2)
            let scheduled = try store.articles.create(Sample.article("مجدول", publishedAt: at), by: .system)
            #expect(scheduled.publishedAt == at)
            #expect(storeError { try store.articles.article(scheduled.slug, for: .reader) }?.isNotFound == true)
            #expect(try store.found(scheduled.slug, for: .editor)?.id == scheduled.id)
            #expect(try store.ids(ArticleQuery(), for: .reader).isEmpty)
            // Editors listing published articles see the scheduled one.
            #expect(try store.ids(ArticleQuery(), for: .editor) == [scheduled.id])

            store.clock.set(Timestamp(milliseconds: at.milliseconds - 1))
            #expect(storeError { try store.articles.article(String(scheduled.id), for: .reader) }?.isNotFound == true)

            store.clock.set(at)
            #expect(try store.found(scheduled.slug, for: .reader)?.id == scheduled.id)
            #expect(try store.ids(ArticleQuery(), for: .reader) == [scheduled.id])
        }
    }

    // MARK: Update

    @Test func updateIncrementsVersionAndReplacesContent() throws {
        try withStore { store throws in
            var input = Sample.article("الأصل", tags: ["أ", "ب"], sources: [Sample.source])
            let created = try store.articles.create(input, by: .system)
            store.clock.advance(minutes: 5)
            input.title = "العنوان المعدل"
            input.tags = ["ب", "ج"]
            input.sources = []
            let updated = try store.articles.update(id: created.id, input, by: .system)
            #expect(updated.version == 2)
            #expect(updated.title == "العنوان المعدل")
            #expect(updated.slug == created.slug)
            #expect(updated.tags.elements.map(\.name) == ["ب", "ج"])
            #expect(updated.sources.elements.isEmpty)
            #expect(updated.updatedAt == store.clock.now)
            #expect(updated.createdAt == created.createdAt)
            #expect(try store.articles.update(id: created.id, input, expectedVersion: 2, by: .system).version == 3)
            #expect(storeError { try store.articles.update(id: 999, input, by: .system) }?.isNotFound == true)
        }
    }

    @Test func versionMismatchIsRefused() throws {
        try withStore { store throws in
            var input = Sample.article("نسخة")
            let created = try store.articles.create(input, by: .system)
            input.title = "نسخة 2"
            _ = try store.articles.update(id: created.id, input, expectedVersion: 1, by: .system)
            input.title = "نسخة 3"
            #expect(storeError { try store.articles.update(id: created.id, input, expectedVersion: 1, by: .system) } == .versionMismatch(current: 2))
            #expect(try store.found(created.id)?.title == "نسخة 2")
            #expect(storeError { try store.articles.delete(id: created.id, expectedVersion: 1, by: .system) } == .versionMismatch(current: 2))
            #expect(
                storeError { try store.articles.setRelated(id: created.id, to: [], expectedVersion: 7, by: .system) } == .versionMismatch(current: 2))
        }
    }

    @Test func oldSlugsRedirectInOneHopToTheCurrentSlug() throws {
        try withStore { store throws in
            var input = Sample.article(Sample.seedTitle)
            let article = try store.articles.create(input, by: .system)
            input.slug = "دمشق-توافق"
            _ = try store.articles.update(id: article.id, input, by: .system)
            input.slug = "حملة-رباعية"
            let renamed = try store.articles.update(id: article.id, input, by: .system)
            #expect(renamed.slug == "حملة-رباعية")
            #expect(renamed.version == 3)

            for old in [Sample.seedSlug, "دمشق-توافق"] {
                #expect(try store.articles.article(old, for: .reader) == .moved(id: article.id, slug: "حملة-رباعية"))
                #expect(try store.articles.article(old, for: .editor) == .moved(id: article.id, slug: "حملة-رباعية"))
            }
            #expect(try store.found("حملة-رباعية", for: .reader)?.id == article.id)

            // Renaming back to an old slug takes it again and redirects the others there.
            input.slug = Sample.seedSlug
            _ = try store.articles.update(id: article.id, input, by: .system)
            #expect(try store.found(Sample.seedSlug, for: .reader)?.id == article.id)
            #expect(try store.articles.article("حملة-رباعية", for: .reader) == .moved(id: article.id, slug: Sample.seedSlug))
            #expect(try store.articles.article("دمشق-توافق", for: .reader) == .moved(id: article.id, slug: Sample.seedSlug))
        }
    }

    @Test func anOldSlugCanBeTakenByAnotherArticle() throws {
        try withStore { store throws in
            var input = Sample.article("خبر قديم", slug: "الاسم-الأول")
            let first = try store.articles.create(input, by: .system)
            input.slug = "الاسم-الثاني"
            _ = try store.articles.update(id: first.id, input, by: .system)
            #expect(try store.articles.article("الاسم-الأول", for: .reader) == .moved(id: first.id, slug: "الاسم-الثاني"))

            // Generated slugs avoid old slugs…
            let generated = try store.articles.create(Sample.article("الاسم الأول"), by: .system)
            #expect(generated.slug == "الاسم-الأول-2")
            // …but an explicit one may take it over, and then it is that article's.
            let second = try store.articles.create(Sample.article("خبر جديد", slug: "الاسم-الأول"), by: .system)
            #expect(try store.found("الاسم-الأول", for: .reader)?.id == second.id)
            #expect(try store.articles.article("الاسم-الثاني", for: .reader) == .found(try #require(try store.found(first.id, for: .reader))))

            // Taking an old slug by renaming works the same way.
            let third = try store.articles.create(Sample.article("ثالث", slug: "ثالث"), by: .system)
            var thirdInput = Sample.article("ثالث", slug: "ثالث")
            thirdInput.slug = "الاسم-الرابع"
            _ = try store.articles.update(id: third.id, thirdInput, by: .system)
            input.slug = "ثالث"
            _ = try store.articles.update(id: first.id, input, by: .system)
            #expect(try store.found("ثالث", for: .reader)?.id == first.id)
            #expect(try store.articles.article("الاسم-الثاني", for: .reader) == .moved(id: first.id, slug: "ثالث"))
            // A current slug of another article is still a conflict.
            input.slug = "الاسم-الرابع"
            #expect(storeError { try store.articles.update(id: first.id, input, by: .system) }?.isConflict == true)
        }
    }

    @Test func redirectToAnArticleReadersCannotSeeIsNotFound() throws {
        try withStore { store throws in
            var input = Sample.article("مسودة", status: .draft, slug: "قديم")
            let draft = try store.articles.create(input, by: .system)
            input.slug = "جديد"
            _ = try store.articles.update(id: draft.id, input, by: .system)
            #expect(storeError { try store.articles.article("قديم", for: .reader) }?.isNotFound == true)
            #expect(try store.articles.article("قديم", for: .editor) == .moved(id: draft.id, slug: "جديد"))
        }
    }

    @Test func editingAPublishedArticleKeepsItsFirstPublicationTime() throws {
        try withStore { store throws in
            var input = Sample.article("منشور")
            let published = try store.articles.create(input, by: .system)
            let firstTime = try #require(published.publishedAt)
            store.clock.advance(hours: 26)
            input.title = "منشور ومعدل"
            let edited = try store.articles.update(id: published.id, input, by: .system)
            #expect(edited.publishedAt == firstTime)
            #expect(edited.updatedAt == store.clock.now)
            // It keeps its place in the listing too.
            let other = try store.articles.create(Sample.article("أحدث", publishedAt: firstTime.adding(minutes: 1)), by: .system)
            #expect(try store.ids(ArticleQuery()) == [other.id, published.id])

            // A draft published later gets the time it is published.
            var draftInput = Sample.article("مسودة", status: .draft)
            let draft = try store.articles.create(draftInput, by: .system)
            #expect(draft.publishedAt == nil)
            store.clock.advance(minutes: 30)
            draftInput.status = .published
            let nowPublished = try store.articles.update(id: draft.id, draftInput, by: .system)
            #expect(nowPublished.publishedAt == store.clock.now)
            #expect(try store.ids(ArticleQuery()) == [draft.id, other.id, published.id])
        }
    }

    // MARK: Delete

    @Test func deleteRemovesTheArticleAndEverythingLinkedToIt() throws {
        try withStore { store throws in
            var input = Sample.article("سيحذف", tags: ["وسم"], sources: [Sample.source, CitedSource(name: "رويترز")])
            let doomed = try store.articles.create(input, by: .system)
            input.slug = "سيحذف-معدل"
            _ = try store.articles.update(id: doomed.id, input, by: .system)
            let keeper = try store.articles.create(Sample.article("باق", tags: ["وسم"]), by: .system)
            let other = try store.articles.create(Sample.article("آخر"), by: .system)
            _ = try store.articles.setRelated(id: keeper.id, to: [doomed.id, other.id], by: .system)
            _ = try store.articles.setRelated(id: doomed.id, to: [keeper.id], by: .system)

            try store.articles.delete(id: doomed.id, expectedVersion: 3, by: .system)

            for key in [String(doomed.id), "سيحذف", "سيحذف-معدل"] {
                #expect(storeError { try store.articles.article(key, for: .editor) }?.isNotFound == true)
            }
            #expect(try store.found(keeper.id)?.related.map(\.id) == [other.id])
            let id = SQLiteValue.integer(doomed.id)
            #expect(try store.int("SELECT count(*) FROM article_tags WHERE article_id = ?", [id]) == 0)
            #expect(try store.int("SELECT count(*) FROM article_sources WHERE article_id = ?", [id]) == 0)
            #expect(try store.int("SELECT count(*) FROM slug_redirects WHERE article_id = ?", [id]) == 0)
            #expect(try store.int("SELECT count(*) FROM related_articles WHERE article_id = ?1 OR related_id = ?1", [id]) == 0)
            // The tag stays, with only the remaining article.
            #expect(try store.terms.term(.tag, "وسم", for: .editor).articleCount == 1)
            #expect(storeError { try store.articles.delete(id: doomed.id, by: .system) }?.isNotFound == true)
        }
    }

    // MARK: Related

    @Test func relatedArticlesKeepTheirOrder() throws {
        try withStore { store throws in
            let main = try store.articles.create(Sample.article("رئيسي"), by: .system)
            let a = try store.articles.create(Sample.article("أ"), by: .system)
            let b = try store.articles.create(Sample.article("ب"), by: .system)
            let c = try store.articles.create(Sample.article("ج"), by: .system)
            let set = try store.articles.setRelated(id: main.id, to: [c.id, a.id, b.id], by: .system)
            #expect(set.map(\.id) == [c.id, a.id, b.id])
            #expect(try store.found(main.id, for: .reader)?.related.map(\.id) == [c.id, a.id, b.id])
            #expect(try store.found(main.id)?.version == 2)

            let reordered = try store.articles.setRelated(id: main.id, to: [b.id, c.id], by: .system)
            #expect(reordered.map(\.id) == [b.id, c.id])
            #expect(try store.found(main.id, for: .reader)?.related.map(\.id) == [b.id, c.id])
            #expect(try store.articles.setRelated(id: main.id, to: [], by: .system).isEmpty)
            #expect(try store.found(main.id)?.related.isEmpty == true)
        }
    }

    @Test func invalidRelatedListsAreRefusedWithPointers() throws {
        try withStore { store throws in
            let main = try store.articles.create(Sample.article("رئيسي"), by: .system)
            let other = try store.articles.create(Sample.article("آخر"), by: .system)
            _ = try store.articles.setRelated(id: main.id, to: [other.id], by: .system)

            #expect(storeError { try store.articles.setRelated(id: main.id, to: [main.id], by: .system) }?.pointers == ["/ids/0"])
            #expect(storeError { try store.articles.setRelated(id: main.id, to: [other.id, other.id], by: .system) }?.pointers == ["/ids/1"])
            #expect(storeError { try store.articles.setRelated(id: main.id, to: [other.id, 987_654], by: .system) }?.pointers == ["/ids/1"])
            #expect(storeError { try store.articles.setRelated(id: 987_654, to: [other.id], by: .system) }?.isNotFound == true)
            // Nothing changed.
            #expect(try store.found(main.id)?.related.map(\.id) == [other.id])
            #expect(try store.found(main.id)?.version == 2)
        }
    }

    @Test func readersSeeOnlyPublicRelatedArticles() throws {
        try withStore { store throws in
            let main = try store.articles.create(Sample.article("رئيسي"), by: .system)
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: .system)
            let visible = try store.articles.create(Sample.article("منشور"), by: .system)
            let scheduled = try store.articles.create(Sample.article("مجدول", publishedAt: store.clock.now.adding(hours: 1)), by: .system)
            let archived = try store.articles.create(Sample.article("مؤرشف", status: .archived), by: .system)
            let all = [draft.id, visible.id, scheduled.id, archived.id]
            #expect(try store.articles.setRelated(id: main.id, to: all, by: .system).map(\.id) == all)
            #expect(try store.found(main.id, for: .editor)?.related.map(\.id) == all)
            #expect(try store.found(main.id, for: .reader)?.related.map(\.id) == [visible.id])
            store.clock.advance(hours: 1)
            #expect(try store.found(main.id, for: .reader)?.related.map(\.id) == [visible.id, scheduled.id])
        }
    }
}

@Suite struct ArticleAuditTests {
    @Test func everyArticleWriteLeavesOneAuditRowNamingItsPrincipal() throws {
        try withStore { store throws in
            let editor = Principal(identity: "سلمى", role: .editor, clientAddress: "203.0.113.9", requestID: "req-1")
            let first = try store.articles.create(Sample.article("الأول"), by: editor)
            let second = try store.articles.create(Sample.article("الثاني"), by: .system)
            _ = try store.articles.update(id: first.id, Sample.article("الأول معدّل"), by: editor)
            _ = try store.articles.setRelated(id: first.id, to: [second.id], by: editor)
            try store.articles.delete(id: second.id, by: editor)
            let rows = try store.strings(
                "SELECT identity || '|' || role || '|' || client_address || '|' || request_id || '|' || action || '|' || object || '|' || summary FROM audit_log ORDER BY id"
            )
            #expect(
                rows == [
                    "سلمى|editor|203.0.113.9|req-1|article.create|article:\(first.id)|الأول",
                    "system|admin|||article.create|article:\(second.id)|الثاني",
                    "سلمى|editor|203.0.113.9|req-1|article.update|article:\(first.id)|الأول معدّل",
                    "سلمى|editor|203.0.113.9|req-1|article.related|article:\(first.id)|\(second.id)",
                    "سلمى|editor|203.0.113.9|req-1|article.delete|article:\(second.id)|الثاني",
                ])
        }
    }

    @Test func aWriteThatFailsLeavesNoAuditRow() throws {
        try withStore { store throws in
            let article = try store.articles.create(Sample.article("خبر"), by: .system)
            #expect(storeError { try store.articles.update(id: article.id, Sample.article(""), by: .system) } != nil)
            #expect(storeError { try store.articles.delete(id: article.id, expectedVersion: 99, by: .system) } != nil)
            #expect(try store.strings("SELECT action FROM audit_log") == ["article.create"])
        }
    }
}
