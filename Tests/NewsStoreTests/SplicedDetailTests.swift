import JSON
import Testing

@testable import NewsStore

/// A reader's detail spliced from kept renderings (`ArticleService.splicedDetail`) is there
/// only once a reader's whole read kept them, shows what that read showed, and is never there
/// for what readers may not see or after a write.
@Suite struct SplicedDetailTests {
    /// Writes a related item's id, slug and title.
    private struct Renderer: RelatedSummaryRendering {
        func writeRelatedMembers(of summary: ArticleSummary, to writer: inout JSONWriter) {
            writer.member("id", summary.id)
            writer.member("slug", summary.slug)
            writer.member("title", summary.title)
        }
    }

    private static func members(_ article: Article) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        Renderer().writeRelatedMembers(of: ArticleSummary(article), to: &writer)
        writer.endObject()
        return Array(writer.bytes.dropFirst().dropLast())
    }

    @Test func aReadersWholeReadKeepsWhatTheNextSplices() throws {
        try withStore { store in
            let articles = ArticleService(database: store.database, events: .forTests, clock: store.clock.clock, relatedRenderer: Renderer())
            let linked = try articles.create(Sample.article("خبر مرتبط", slug: "linked"), by: .system)
            let main = try articles.create(Sample.article(Sample.seedTitle, slug: "main", sources: [Sample.source]), by: .system)
            _ = try articles.setRelated(id: main.id, to: [linked.id], by: .system)

            #expect(try articles.splicedDetail("main") == nil)
            guard case .found(let whole) = try articles.article("main", for: .reader) else {
                Issue.record("the article is not found")
                return
            }
            for key in ["main", String(main.id)] {
                let spliced = try #require(try articles.splicedDetail(key))
                #expect(spliced.id == main.id)
                #expect(spliced.summaryMembers == Self.members(whole))
                #expect(spliced.body == whole.body && spliced.sources == whole.sources && spliced.comments == whole.comments)
                #expect(spliced.createdAt == whole.createdAt && spliced.version == whole.version)
                #expect(spliced.views == whole.views && spliced.commentCount == whole.commentCount)
                #expect(spliced.renderedRelated == whole.renderedRelated)
                #expect(spliced.renderedRelated.items.map(\.id) == [linked.id])
            }
            #expect(try articles.splicedDetail("no-such-article") == nil)

            // A write makes every kept rendering stale: the whole read answers again.
            _ = try articles.create(Sample.article("خبر آخر"), by: .system)
            #expect(try articles.splicedDetail("main") == nil)
        }
    }

    @Test func nothingIsSplicedForWhatReadersMayNotSee() throws {
        try withStore { store in
            let articles = ArticleService(database: store.database, events: .forTests, clock: store.clock.clock, relatedRenderer: Renderer())
            let scheduled = try articles.create(
                Sample.article("خبر مجدول", publishedAt: store.clock.now.adding(hours: 1), slug: "later"), by: .system)
            #expect(try articles.splicedDetail("later") == nil)
            #expect(storeError { try articles.article("later", for: .reader) }?.isNotFound == true)
            // An editor's read keeps nothing for readers either.
            _ = try articles.article("later", for: .editor)
            #expect(try articles.splicedDetail("later") == nil)
            #expect(try articles.splicedDetail(String(scheduled.id)) == nil)

            // Once its time comes, it is public and the first reader's read keeps it.
            store.clock.advance(hours: 2)
            _ = try articles.article("later", for: .reader)
            #expect(try articles.splicedDetail("later")?.id == scheduled.id)
        }
    }

    @Test func withoutARendererNothingIsSpliced() throws {
        try withStore { store in
            _ = try store.articles.create(Sample.article("خبر", slug: "plain"), by: .system)
            _ = try store.articles.article("plain", for: .reader)
            #expect(try store.articles.splicedDetail("plain") == nil)
        }
    }
}
