import Testing

@testable import NewsStore

/// Readers see only the categories and tags that hold a public article: a topic whose only
/// articles are drafts or scheduled must not show before they are published.
@Suite struct TermVisibilityTests {
    @Test func termsWithoutPublicArticlesAreHiddenFromReaders() throws {
        try withStore { store throws in
            let now = store.clock.now
            _ = try store.terms.create(.category, TermInput(name: "علني", slug: "open"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "محظور", slug: "embargoed"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "فارغ", slug: "empty"), by: .system)
            _ = try store.articles.create(Sample.article("منشور", publishedAt: now.adding(hours: -1), category: "open", tags: ["عام"]), by: .system)
            _ = try store.articles.create(Sample.article("مسودة", status: .draft, category: "embargoed", tags: ["سري"]), by: .system)
            let scheduled = try store.articles.create(
                Sample.article("مجدول", publishedAt: now.adding(hours: 2), category: "embargoed", tags: ["سري", "قادم"]), by: .system)
            _ = try store.articles.create(Sample.article("مؤرشف", status: .archived, publishedAt: now.adding(hours: -3), tags: ["قديم"]), by: .system)

            #expect(try store.terms.list(.category, for: .reader).map(\.slug) == ["open"])
            #expect(try store.terms.list(.tag, for: .reader).map(\.name) == ["عام"])
            #expect(try store.terms.list(.tag, prefix: "س", for: .reader).isEmpty)
            #expect(storeError { try store.terms.term(.category, "embargoed", for: .reader) }?.isNotFound == true)
            #expect(storeError { try store.terms.term(.category, "empty", for: .reader) }?.isNotFound == true)
            #expect(storeError { try store.terms.term(.tag, "سري", for: .reader) }?.isNotFound == true)
            #expect(try store.terms.term(.category, "open", for: .reader).articleCount == 1)

            // Editors see every term, each counting its public articles.
            #expect(try store.terms.list(.category, for: .editor).map(\.slug).sorted() == ["embargoed", "empty", "open"])
            #expect(try store.terms.list(.tag, for: .editor).count == 4)
            #expect(try store.terms.term(.category, "embargoed", for: .editor).articleCount == 0)

            // Once the scheduled article's time comes, its topics are public.
            store.clock.set(try #require(scheduled.publishedAt))
            #expect(try store.terms.list(.category, for: .reader).map(\.slug).sorted() == ["embargoed", "open"])
            #expect(try store.terms.term(.tag, "سري", for: .reader).articleCount == 1)
            #expect(try store.terms.list(.tag, for: .reader).map(\.name).sorted() == ["سري", "عام", "قادم"].sorted())
        }
    }
}
