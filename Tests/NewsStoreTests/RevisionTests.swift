import JSON
import SQLite
import Testing

@testable import NewsStore

/// Revisions at the service level: which writes record what, retention (newest N plus every
/// public one, a scheduled version replaced before its time counting as never public), the
/// baseline of articles older than revisions, restore under the ownership rules, and the
/// block-by-block body diff.
@Suite struct RevisionTests {
    private static let editor = Principal(identity: "سلمى", role: .editor)
    private static let contributor = Principal(identity: "كريم", role: .contributor)

    /// What the API's decoding does with a restoration, for the members these tests use.
    private static func reading(_ json: JSONValue) -> ArticleInput {
        var input = ArticleInput()
        input.title = json["title"]?.stringValue
        input.slug = json["slug"]?.stringValue
        input.status = json["status"]?.stringValue.flatMap(ArticleStatus.init(rawValue:))
        input.publishedAt = json["published_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
        var errors: [FieldError] = []
        input.body = BlockCoding.decodeBlocks(json["body"] ?? .array([]), at: "/body", errors: &errors)
        input.tags = json["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return input
    }

    private static func revisions(_ store: StoreFixture, of id: Int64) throws -> [Revision] {
        try RevisionService(database: store.database).revisions(ofArticle: String(id), after: nil, limit: 100).items
    }

    @Test func everyArticleChangeRecordsOneRevisionInItsTransaction() throws {
        try withStore { store in
            let other = try store.articles.create(Sample.article("خبر آخر"), by: Self.editor)
            let article = try store.articles.create(Sample.article(Sample.seedTitle, status: .draft, tags: ["سوريا"]), by: Self.editor)
            var input = Sample.article("عنوان جديد", status: .draft, tags: ["سوريا"])
            _ = try store.articles.update(id: article.id, input, by: Self.editor)
            input.status = .published
            _ = try store.articles.update(id: article.id, input, by: Self.editor)
            _ = try store.articles.setRelated(id: article.id, to: [other.id], by: Self.editor)
            input.status = .archived
            _ = try store.articles.update(id: article.id, input, by: Self.editor)
            // A refused write leaves no revision.
            input.title = ""
            storeError { try store.articles.update(id: article.id, input, by: Self.editor) }

            let revisions = try Self.revisions(store, of: article.id)
            #expect(revisions.map(\.number) == [5, 4, 3, 2, 1])
            #expect(revisions.map(\.action) == [.unpublish, .related, .publish, .update, .create])
            #expect(
                revisions.map(\.changed) == [
                    ["status", "published_at"], ["related"], ["status", "published_at"], ["title"],
                    ["slug", "title", "body", "tags", "status", "comments"],
                ])
            #expect(revisions.allSatisfy { $0.identity == "سلمى" && $0.role == "editor" })
            let related = try RevisionService(database: store.database).revision(4, ofArticle: String(article.id))
            #expect(related.snapshot.members["related"] == [.number(JSONNumber(other.id))])
            // Deleting the article takes its revisions with it.
            try store.articles.delete(id: article.id, by: Self.editor)
            #expect(try store.int("SELECT count(*) FROM article_revisions WHERE article_id = ?", [.integer(article.id)]) == 0)
        }
    }

    @Test func retentionKeepsTheNewestAndEveryPublicRevision() throws {
        try withStore { store in
            let service = ArticleService(database: store.database, events: .forTests, clock: store.clock.clock, revisionsKept: 2)
            let article = try service.create(Sample.article("١", status: .draft), by: Self.editor)
            store.clock.advance(minutes: 1)
            // 2: scheduled an hour ahead, but replaced (3) before its time: never public.
            _ = try service.update(id: article.id, Sample.article("٢", publishedAt: store.clock.now.adding(hours: 1)), by: Self.editor)
            store.clock.advance(minutes: 1)
            // 3: published now and public until 4 replaced it.
            _ = try service.update(id: article.id, Sample.article("٣", publishedAt: store.clock.now), by: Self.editor)
            for title in ["٤", "٥", "٦"] {
                store.clock.advance(minutes: 1)
                _ = try service.update(id: article.id, Sample.article(title, status: .draft), by: Self.editor)
            }
            let kept = try Self.revisions(store, of: article.id)
            #expect(kept.map(\.number) == [6, 5, 3])
            #expect(kept.last?.wasPublic(at: store.clock.now) == true)
            let reader = RevisionService(database: store.database)
            for pruned: Int64 in [1, 2, 4] {
                #expect(throws: RevisionPruned(articleID: article.id, number: pruned)) { try reader.revision(pruned, ofArticle: String(article.id)) }
            }
            #expect(storeError { try reader.revision(7, ofArticle: String(article.id)) } == .notFound("revision"))
        }
    }

    @Test func anArticleOlderThanRevisionsGetsItsStateAsABaselineFirst() throws {
        try withStore { store in
            let article = try store.articles.create(Sample.article("قبل المراجعات"), by: Self.editor)
            // As if written before migration 0010: no revision at all.
            try store.database.pool.write { db in try db.execute(sql: "DELETE FROM article_revisions") }
            store.clock.advance(hours: 1)
            _ = try store.articles.update(id: article.id, Sample.article("بعد المراجعات"), by: Self.editor)
            let revisions = try Self.revisions(store, of: article.id)
            #expect(revisions.map(\.action) == [.update, .baseline])
            #expect(revisions.last?.identity == "system")
            #expect(revisions.last?.at == article.updatedAt)
            let baseline = try RevisionService(database: store.database).revision(1, ofArticle: String(article.id))
            #expect(baseline.snapshot.members["title"] == "قبل المراجعات")
        }
    }

    @Test func restoreFollowsTheOwnershipRulesOfAnUpdate() throws {
        try withStore { store in
            let others = try store.articles.create(Sample.article("مسودة سلمى", status: .draft), by: Self.editor)
            _ = try store.articles.update(id: others.id, Sample.article("مسودة سلمى المعدلة", status: .draft), by: Self.editor)
            let current = try #require(try store.found(others.id))
            let refused = storeError {
                try store.articles.restore(id: others.id, revision: 1, expectedVersion: current.version, by: Self.contributor, reading: Self.reading)
            }
            #expect(refused.map { if case .notAllowed(_, let role) = $0 { role == .editor } else { false } } == true)

            let own = try store.articles.create(Sample.article("مسودتي", status: .draft), by: Self.contributor)
            let linked = try store.articles.create(Sample.article("خبر مرتبط"), by: Self.editor)
            _ = try store.articles.setRelated(id: own.id, to: [linked.id], by: Self.editor)
            _ = try store.articles.update(id: own.id, Sample.article("مسودتي المعدلة", status: .draft), by: Self.contributor)
            let before = try #require(try store.found(own.id))
            // Its own draft: restored, but the editors' links are not the contributor's to change.
            let restored = try store.articles.restore(
                id: own.id, revision: 1, expectedVersion: before.version, by: Self.contributor, reading: Self.reading)
            #expect(restored.title == "مسودتي" && restored.related.map(\.id) == [linked.id])
            // An editor's restore brings the links back as they were.
            let byEditor = try store.articles.restore(
                id: own.id, revision: 1, expectedVersion: restored.version, by: Self.editor, reading: Self.reading)
            #expect(byEditor.related.isEmpty)
            #expect(
                storeError {
                    try store.articles.restore(id: own.id, revision: 1, expectedVersion: restored.version, by: Self.editor, reading: Self.reading)
                } == .versionMismatch(current: byEditor.version))
            let newest = try Self.revisions(store, of: own.id).first
            #expect(newest?.action == .restore && newest?.restoredFrom == 1 && newest?.changed == ["related"])
        }
    }

    @Test func bodyDiffsNameAddedRemovedAndChangedBlocks() {
        let a: JSONValue = ["type": "paragraph", "text": "أ"]
        let b: JSONValue = ["type": "paragraph", "text": "ب"]
        let c: JSONValue = ["type": "quote", "text": "ج"]
        let d: JSONValue = ["type": "paragraph", "text": "د"]
        #expect(BlockChange.changes(from: [a, b, c], to: [a, b, c]).isEmpty)
        #expect(
            BlockChange.changes(from: [a, b, c], to: [a, d, c, b]) == [
                BlockChange(kind: .changed, oldIndex: 1, newIndex: 1, old: b, new: d),
                BlockChange(kind: .added, oldIndex: nil, newIndex: 3, old: nil, new: b),
            ])
        #expect(
            BlockChange.changes(from: [a, b, c], to: [c]) == [
                BlockChange(kind: .removed, oldIndex: 0, newIndex: nil, old: a, new: nil),
                BlockChange(kind: .removed, oldIndex: 1, newIndex: nil, old: b, new: nil),
            ])
        #expect(BlockChange.changes(from: [], to: [a]) == [BlockChange(kind: .added, oldIndex: nil, newIndex: 0, old: nil, new: a)])
    }
}
