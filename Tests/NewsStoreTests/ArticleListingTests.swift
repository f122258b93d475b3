import SQLite
import Testing

@testable import NewsStore

@Suite struct ArticleListingTests {
    /// A small newsroom, with the clock at `ManualClock.start` (`now`):
    /// published a1…a4 one hour apart going back from now, plus a draft, a scheduled and an
    /// archived article that readers must never list.
    struct Newsroom {
        let store: StoreFixture
        let now: Timestamp
        let a1, a2, a3, a4, draft, scheduled, archived: Article

        init(_ store: StoreFixture) throws {
            self.store = store
            now = store.clock.now
            _ = try store.terms.create(.category, TermInput(name: "سياسة", slug: "politics"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "اقتصاد", slug: "economy"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "فارغ", slug: "empty"), by: .system)
            let erem = Sample.source
            let reuters = CitedSource(name: "رويترز", url: "https://www.reuters.com/")
            let service = store.articles
            a1 = try service.create(
                Sample.article(
                    "أ1", publishedAt: now.adding(hours: -1), category: "politics", tags: ["سوريا", "usa"], author: "أحمد",
                    sources: [erem]), by: .system)
            a2 = try service.create(
                Sample.article(
                    "أ2", publishedAt: now.adding(hours: -2), category: "politics", tags: ["سوريا"], author: "سارة",
                    sources: [reuters, erem]), by: .system)
            a3 = try service.create(
                Sample.article(
                    "أ3", publishedAt: now.adding(hours: -3), category: "economy", tags: ["usa"], author: "أحمد",
                    sources: [erem]), by: .system)
            a4 = try service.create(
                Sample.article(
                    "أ4", publishedAt: now.adding(hours: -4), category: "economy", tags: ["usa", "سوريا"]), by: .system)
            draft = try service.create(
                Sample.article(
                    "مسودة", status: .draft, category: "politics", tags: ["سوريا", "usa"], author: "أحمد", sources: [erem]), by: .system)
            scheduled = try service.create(
                Sample.article(
                    "مجدول", publishedAt: now.adding(hours: 1), category: "politics", tags: ["سوريا", "usa"], author: "أحمد",
                    sources: [erem]), by: .system)
            archived = try service.create(
                Sample.article(
                    "مؤرشف", status: .archived, publishedAt: now.adding(hours: -5), category: "politics", tags: ["سوريا"],
                    author: "أحمد", sources: [erem]), by: .system)
        }

        func ids(_ configure: (inout ArticleQuery) -> Void, for audience: Audience = .reader) throws -> [Int64] {
            var query = ArticleQuery()
            configure(&query)
            return try store.allIDs(query, for: audience)
        }
    }

    @Test func newestFirstByDefaultAndOldestFirstOnRequest() throws {
        try withStore { store throws in
            let room = try Newsroom(store)
            #expect(try room.ids { _ in } == [room.a1.id, room.a2.id, room.a3.id, room.a4.id])
            #expect(try room.ids { $0.order = .oldestFirst } == [room.a4.id, room.a3.id, room.a2.id, room.a1.id])
            let page = try store.articles.list(ArticleQuery(), for: .reader)
            #expect(page.items.first?.category?.slug == "politics")
            #expect(page.items.first?.tags.elements.map(\.slug) == ["سوريا", "usa"])
            #expect(page.nextCursor == nil)
        }
    }

    @Test func filtersNarrowTheListing() throws {
        try withStore { store throws in
            let r = try Newsroom(store)
            #expect(try r.ids { $0.category = "politics" } == [r.a1.id, r.a2.id])
            #expect(
                try r.ids {
                    $0.category = "economy"
                    $0.order = .oldestFirst
                } == [r.a4.id, r.a3.id])
            #expect(try r.ids { $0.category = "empty" } == [])
            #expect(try r.ids { $0.category = "no-such-category" } == [])
            #expect(try r.ids { $0.tags = ["سوريا"] } == [r.a1.id, r.a2.id, r.a4.id])
            #expect(try r.ids { $0.tags = ["usa"] } == [r.a1.id, r.a3.id, r.a4.id])
            #expect(try r.ids { $0.tags = ["سوريا", "usa"] } == [r.a1.id, r.a4.id])
            #expect(
                try r.ids {
                    $0.tags = ["usa", "سوريا"]
                    $0.order = .oldestFirst
                } == [r.a4.id, r.a1.id])
            #expect(try r.ids { $0.tags = ["سوريا", "no-such-tag"] } == [])
            #expect(try r.ids { $0.author = "أحمد" } == [r.a1.id, r.a3.id])
            #expect(
                try r.ids {
                    $0.author = "أحمد"
                    $0.category = "economy"
                } == [r.a3.id])
            #expect(try r.ids { $0.source = "إرم نيوز" } == [r.a1.id, r.a2.id, r.a3.id])
            #expect(try r.ids { $0.source = "رويترز" } == [r.a2.id])
            #expect(
                try r.ids {
                    $0.source = "إرم نيوز"
                    $0.tags = ["usa"]
                } == [r.a1.id, r.a3.id])
            #expect(
                try r.ids {
                    $0.source = "إرم نيوز"
                    $0.category = "economy"
                } == [r.a3.id])
            #expect(
                try r.ids {
                    $0.tags = ["سوريا"]
                    $0.category = "economy"
                } == [r.a4.id])
            #expect(
                try r.ids {
                    $0.tags = ["سوريا"]
                    $0.author = "سارة"
                } == [r.a2.id])
            // since is inclusive, until exclusive.
            #expect(
                try r.ids {
                    $0.since = r.a3.publishedAt
                    $0.until = r.a1.publishedAt
                } == [r.a2.id, r.a3.id])
            #expect(try r.ids { $0.since = r.a1.publishedAt } == [r.a1.id])
            #expect(try r.ids { $0.until = r.a3.publishedAt } == [r.a4.id])
            #expect(
                try r.ids {
                    $0.since = r.a2.publishedAt
                    $0.tags = ["سوريا"]
                    $0.order = .oldestFirst
                } == [r.a2.id, r.a1.id])
            #expect(
                try r.ids {
                    $0.until = r.a2.publishedAt
                    $0.source = "إرم نيوز"
                } == [r.a3.id])
            #expect(
                try r.ids {
                    $0.since = Timestamp(dateOrDateTime: "2025-07-01")!
                    $0.until = Timestamp(dateOrDateTime: "2025-07-01T06:00:00")!
                } == [r.a3.id, r.a4.id])
        }
    }

    @Test func readersNeverSeeDraftsArchivedOrScheduledButEditorsDo() throws {
        try withStore { store throws in
            let r = try Newsroom(store)
            let published = [r.a1.id, r.a2.id, r.a3.id, r.a4.id]
            for status in ArticleStatus.allCases {
                #expect(try r.ids({ $0.status = status }, for: .reader) == published, "status \(status)")
                #expect(
                    try r.ids(
                        {
                            $0.status = status
                            $0.category = "politics"
                        }, for: .reader) == [r.a1.id, r.a2.id])
                #expect(
                    try r.ids(
                        {
                            $0.status = status
                            $0.tags = ["سوريا"]
                        }, for: .reader) == [r.a1.id, r.a2.id, r.a4.id])
                #expect(
                    try r.ids(
                        {
                            $0.status = status
                            $0.author = "أحمد"
                        }, for: .reader) == [r.a1.id, r.a3.id])
                #expect(
                    try r.ids(
                        {
                            $0.status = status
                            $0.source = "إرم نيوز"
                        }, for: .reader) == [r.a1.id, r.a2.id, r.a3.id])
            }
            #expect(try r.ids({ $0.status = .draft }, for: .editor) == [r.draft.id])
            #expect(
                try r.ids(
                    {
                        $0.status = .draft
                        $0.tags = ["usa", "سوريا"]
                    }, for: .editor) == [r.draft.id])
            #expect(
                try r.ids(
                    {
                        $0.status = .draft
                        $0.source = "إرم نيوز"
                    }, for: .editor) == [r.draft.id])
            #expect(
                try r.ids(
                    {
                        $0.status = .draft
                        $0.author = "أحمد"
                        $0.category = "politics"
                    }, for: .editor) == [r.draft.id])
            #expect(try r.ids({ $0.status = .archived }, for: .editor) == [r.archived.id])
            #expect(try r.ids({ _ in }, for: .editor) == [r.scheduled.id] + published)

            store.clock.advance(hours: 1)
            #expect(try r.ids { _ in } == [r.scheduled.id] + published)
            #expect(
                try r.ids {
                    $0.tags = ["usa"]
                    $0.source = "إرم نيوز"
                } == [r.scheduled.id, r.a1.id, r.a3.id])
        }
    }

    @Test func statusChangesReachTheTagAndSourceListings() throws {
        try withStore { store throws in
            let r = try Newsroom(store)
            var input = Sample.article(
                "أ1", publishedAt: r.a1.publishedAt, category: "politics", tags: ["سوريا", "usa"], author: "أحمد", sources: [Sample.source])
            input.status = .archived
            _ = try store.articles.update(id: r.a1.id, input, by: .system)
            #expect(try r.ids { $0.tags = ["usa"] } == [r.a3.id, r.a4.id])
            #expect(try r.ids { $0.source = "إرم نيوز" } == [r.a2.id, r.a3.id])
            #expect(try r.ids { $0.author = "أحمد" } == [r.a3.id])
            #expect(
                try r.ids(
                    {
                        $0.status = .archived
                        $0.tags = ["usa"]
                    }, for: .editor) == [r.a1.id])
        }
    }

    @Test func limitIsBoundedAndPagesCarryCursors() throws {
        try withStore { store throws in
            let r = try Newsroom(store)
            var query = ArticleQuery()
            query.limit = 0
            let one = try store.articles.list(query, for: .reader)
            #expect(one.items.map(\.id) == [r.a1.id])
            let cursor = try #require(one.nextCursor)
            #expect(cursor == Cursor(order: .newestFirst, sortAt: r.a1.publishedAt!.milliseconds, id: r.a1.id))
            #expect(Cursor(token: cursor.token) == cursor)
            query.limit = -5
            #expect(try store.articles.list(query, for: .reader).items.count == 1)
            query.limit = 3
            let three = try store.articles.list(query, for: .reader)
            #expect(three.items.map(\.id) == [r.a1.id, r.a2.id, r.a3.id])
            query.cursor = three.nextCursor
            let last = try store.articles.list(query, for: .reader)
            #expect(last.items.map(\.id) == [r.a4.id])
            #expect(last.nextCursor == nil)
            // Exactly `limit` left: no cursor to an empty page.
            query.limit = 4
            query.cursor = nil
            #expect(try store.articles.list(query, for: .reader).nextCursor == nil)
        }
    }

    @Test func cursorFromTheOtherOrderIsRefused() throws {
        try withStore { store throws in
            _ = try Newsroom(store)
            var query = ArticleQuery()
            query.limit = 1
            let cursor = try #require(try store.articles.list(query, for: .reader).nextCursor)
            query.order = .oldestFirst
            query.cursor = cursor
            #expect(storeError { try store.articles.list(query, for: .reader) }?.isInvalidQuery == true)
            #expect(storeError { try store.articles.list(query, for: .editor) }?.isInvalidQuery == true)
        }
    }

    // MARK: Keyset pagination

    /// 250 published articles in one category, three per minute (so sort keys tie and the id
    /// breaks the tie), plus noise the listing must skip: another category, drafts, scheduled.
    struct Archive {
        let store: StoreFixture
        /// (sortAt, id) of the 250.
        let keys: [(Int64, Int64)]

        init(_ store: StoreFixture) throws {
            self.store = store
            _ = try store.terms.create(.category, TermInput(name: "منوعات", slug: "misc"), by: .system)
            _ = try store.terms.create(.category, TermInput(name: "أخرى", slug: "other"), by: .system)
            let now = store.clock.now
            var keys: [(Int64, Int64)] = []
            for index in 0..<250 {
                // Not in id order: later ids get older times every now and then.
                let minutesAgo = Int64((index * 37) % 84) + 1
                let at = now.adding(minutes: -minutesAgo)
                let article = try store.articles.create(Sample.article("منوعات \(index)", publishedAt: at, category: "misc"), by: .system)
                keys.append((at.milliseconds, article.id))
                if index % 25 == 0 {
                    _ = try store.articles.create(Sample.article("أخرى \(index)", publishedAt: at, category: "other"), by: .system)
                    _ = try store.articles.create(Sample.article("مسودة \(index)", status: .draft, category: "misc"), by: .system)
                    _ = try store.articles.create(
                        Sample.article("مجدول \(index)", publishedAt: now.adding(minutes: 5), category: "misc"), by: .system)
                }
            }
            self.keys = keys
        }

        var newestFirst: [Int64] { keys.sorted { ($0.0, $0.1) > ($1.0, $1.1) }.map(\.1) }
        var oldestFirst: [Int64] { keys.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.1) }
    }

    @Test func keysetPaginationWalksEveryArticleOnceInOrder() throws {
        try withStore { store throws in
            let archive = try Archive(store)
            #expect(Set(archive.keys.map(\.0)).count < 250, "the data must have ties")
            for (order, expected) in [(ArticleQuery.Order.newestFirst, archive.newestFirst), (.oldestFirst, archive.oldestFirst)] {
                for limit in [17, 100] {
                    var query = ArticleQuery()
                    query.category = "misc"
                    query.order = order
                    query.limit = limit
                    var seen: [Int64] = []
                    var pages = 0
                    while true {
                        let page = try store.articles.list(query, for: .reader)
                        #expect(page.items.count <= limit)
                        #expect(page.items.allSatisfy { $0.category?.slug == "misc" && $0.status == .published })
                        seen += page.items.map(\.id)
                        pages += 1
                        guard let next = page.nextCursor else { break }
                        #expect(next.order == order)
                        // Clients pass the cursor back as its token.
                        let decoded = Cursor(token: next.token)
                        #expect(decoded == next)
                        query.cursor = decoded
                        if pages > 100 { break }
                    }
                    #expect(seen.count == 250)
                    #expect(Set(seen).count == 250)
                    #expect(seen == expected, "order \(order), limit \(limit)")
                    #expect(pages == (250 + limit - 1) / limit)
                }
            }
            // limit above the maximum is clamped to 100.
            var query = ArticleQuery()
            query.limit = 1_000
            #expect(try store.articles.list(query, for: .reader).items.count == 100)
            #expect(try store.allIDs(query).count == 250 + 10)
        }
    }

    @Test(arguments: [ArticleQuery.Order.newestFirst, .oldestFirst])
    func articlesAddedBetweenPagesCauseNoRepeatsOrGaps(order: ArticleQuery.Order) throws {
        try withStore { store throws in
            let archive = try Archive(store)
            var query = ArticleQuery()
            query.category = "misc"
            query.order = order
            query.limit = 20
            var seen: [Int64] = []
            var added: [Int64] = []
            var pages = 0
            while true {
                let page = try store.articles.list(query, for: .reader)
                seen += page.items.map(\.id)
                pages += 1
                // After every page a newer article arrives in the same category.
                store.clock.advance(milliseconds: 1)
                added.append(try store.articles.create(Sample.article("جديد \(pages)", category: "misc"), by: .system).id)
                guard let next = page.nextCursor, pages < 100 else { break }
                query.cursor = next
            }
            #expect(Set(seen).count == seen.count, "no article is listed twice")
            let original = order == .newestFirst ? archive.newestFirst : archive.oldestFirst
            if order == .newestFirst {
                // The newcomers sort before the cursor: the walk sees exactly the original articles.
                #expect(seen == original)
            } else {
                // The newcomers sort after everything: the walk ends with them, in order.
                #expect(Array(seen.prefix(250)) == original)
                #expect(Array(seen.dropFirst(250)) == Array(added.prefix(seen.count - 250)))
                #expect(seen.count > 250)
            }
        }
    }
}
