import TestSupport
import Testing

@testable import NewsStore

/// Comment rules on real SQLite files: threads, tombstones, counts, holds, duplicates, bans and
/// the address retention, with a clock moved by hand.
@Suite struct CommentServiceTests {
    static let reader = CommentSender(address: "203.0.113.5", key: "203.0.113.5")

    static func input(_ body: String, name: String = "قارئ", email: String? = nil, parent: Int64? = nil) -> CommentInput {
        var input = CommentInput()
        input.authorName = name
        input.authorEmail = email
        input.body = body
        input.parentID = parent
        return input
    }

    static func published(_ store: StoreFixture, _ title: String = "خبر") throws -> Int64 {
        var article = ArticleInput()
        article.title = title
        article.status = .published
        article.body = [.paragraph("نص")]
        return try store.articles.create(article, by: .system).id
    }

    static func service(_ store: StoreFixture, _ moderation: CommentModeration = CommentModeration()) -> CommentService {
        CommentService(database: store.database, events: .forTests, moderation: moderation, clock: store.clock.clock)
    }

    @Test func aReplyToAReplyJoinsTheTopCommentAndThreadsListInOrder() throws {
        try withStore { store in
            let comments = Self.service(store, CommentModeration(mode: .post))
            let id = try Self.published(store)
            let first = try comments.create(on: "\(id)", Self.input("أول"), from: Self.reader, requestID: "test")
            let second = try comments.create(on: "\(id)", Self.input("ثان"), from: Self.reader, requestID: "test")
            let reply = try comments.create(on: "\(id)", Self.input("رد", parent: first.id), from: Self.reader, requestID: "test")
            let replyToReply = try comments.create(on: "\(id)", Self.input("رد على رد", parent: reply.id), from: Self.reader, requestID: "test")
            #expect(replyToReply.parentID == first.id)
            #expect(first.status == .approved)

            let all = try comments.publicComments(on: "\(id)", CommentListQuery())
            #expect(all.items.map(\.id) == [first.id, reply.id, replyToReply.id, second.id])
            // Pages of two follow the same order without repeats.
            var query = CommentListQuery()
            query.limit = 2
            var paged: [Int64] = []
            while true {
                let page = try comments.publicComments(on: "\(id)", query)
                paged += page.items.map(\.id)
                guard let next = page.nextCursor else { break }
                query.cursor = next
            }
            #expect(paged == all.items.map(\.id))
            #expect(try store.found(id)?.commentCount == 4)
        }
    }

    @Test func aParentOnAnotherArticleOrNotApprovedIsInvalid() throws {
        try withStore { store in
            let comments = Self.service(store)
            let one = try Self.published(store, "واحد")
            let two = try Self.published(store, "اثنان")
            let pending = try comments.create(on: "\(one)", Self.input("تعليق"), from: Self.reader, requestID: "test")
            #expect(pending.status == .pending)
            #expect(throws: NewsStoreError.invalid([FieldError("/parent_id", "no comment with this id is shown on this article")])) {
                try comments.create(on: "\(one)", Self.input("رد", parent: pending.id), from: Self.reader, requestID: "test")
            }
            _ = try comments.moderate(id: pending.id, to: .approved, by: .system)
            #expect(throws: NewsStoreError.invalid([FieldError("/parent_id", "no comment with this id is shown on this article")])) {
                try comments.create(on: "\(two)", Self.input("رد", parent: pending.id), from: Self.reader, requestID: "test")
            }
        }
    }

    @Test func aDeletedCommentWithApprovedRepliesStaysAsATombstoneUntilTheyGo() throws {
        try withStore { store in
            let comments = Self.service(store, CommentModeration(mode: .post))
            let id = try Self.published(store)
            let top = try comments.create(on: "\(id)", Self.input("أصل", email: "a@example.com"), from: Self.reader, requestID: "test")
            let reply = try comments.create(on: "\(id)", Self.input("رد"), from: Self.reader, requestID: "test")
            let answer = try comments.create(on: "\(id)", Self.input("جواب", parent: top.id), from: Self.reader, requestID: "test")
            try comments.delete(id: top.id, by: .system)
            let shown = try comments.publicComments(on: "\(id)", CommentListQuery()).items
            #expect(shown.map(\.id) == [top.id, answer.id, reply.id])
            let tombstone = try #require(shown.first)
            #expect(tombstone.isDeleted && tombstone.authorName == nil && tombstone.body == nil)
            #expect(
                try store.strings("SELECT coalesce(author_email, client_address, 'gone') FROM comments WHERE id = ?", [.integer(top.id)]) == ["gone"])
            #expect(try store.found(id)?.commentCount == 2)
            #expect(throws: NewsStoreError.notFound("comment")) { try comments.moderate(id: top.id, to: .approved, by: .system) }

            try comments.delete(id: answer.id, by: .system)
            #expect(try comments.publicComments(on: "\(id)", CommentListQuery()).items.map(\.id) == [reply.id])
            #expect(try store.int("SELECT count(*) FROM comments") == 1)
            #expect(try store.found(id)?.commentCount == 1)
        }
    }

    @Test func repliesUnderACommentModeratedAwayAreHiddenAndNotCounted() throws {
        try withStore { store in
            let comments = Self.service(store, CommentModeration(mode: .post))
            let id = try Self.published(store)
            let top = try comments.create(on: "\(id)", Self.input("أصل"), from: Self.reader, requestID: "test")
            _ = try comments.create(on: "\(id)", Self.input("رد", parent: top.id), from: Self.reader, requestID: "test")
            #expect(try store.found(id)?.commentCount == 2)
            _ = try comments.moderate(id: top.id, to: .spam, by: .system)
            #expect(try comments.publicComments(on: "\(id)", CommentListQuery()).items.isEmpty)
            #expect(try store.found(id)?.commentCount == 0)
            #expect(try store.articles.list(ArticleQuery(), for: .reader).items.first?.commentCount == 0)
        }
    }

    @Test func theWordListMatchesAWordWrittenWithHarakatAndTatweel() {
        // The list spells it with harakat and tatweel; the comments do not, and the other way round.
        let list = CommentWordList(lines: "# spam words\n\nكَلْــــب\nرابح  مضمون\n")
        #expect(list.count == 2)
        #expect(list.matches("هذا كلب"))
        #expect(list.matches("والكلب نبح"))
        #expect(list.matches("ربح رابحٌ مضمونٌ"))
        #expect(!list.matches("كلبنان"))
        #expect(!list.matches("رابح اليوم مضمون"))
        let plain = CommentWordList(lines: "أحمق")
        #expect(plain.matches("يا اَحْمَــــق"))
        #expect(plain.matches("يا احمق"))
        #expect(!CommentWordList.empty.matches("أي شيء"))
    }

    @Test func postModerationHoldsListedWordsAndMoreThanTwoLinks() throws {
        try withStore { store in
            let comments = Self.service(store, CommentModeration(mode: .post, wordList: CommentWordList(lines: "كَلْــب")))
            let id = try Self.published(store)
            func status(_ body: String, name: String = "قارئ") throws -> CommentStatus {
                try comments.create(on: "\(id)", Self.input(body, name: name), from: CommentSender(address: nil, key: body), requestID: "test").status
            }
            #expect(try status("تعليق عادي") == .approved)
            #expect(try status("يا كلب") == .pending)
            #expect(try status("نص", name: "الكلب") == .pending)
            #expect(try status("مصدران: https://a.example/x و http://b.example") == .approved)
            #expect(try status("https://a.example www.b.example (https://c.example)") == .pending)
            #expect(LinkCount.of("https://www.a.example") == 1)
            #expect(LinkCount.of("انظرwww.a.example وhttp://b.example") == 2)
        }
    }

    @Test func theSameBodyFromTheSameClientWithinTenMinutesIsAConflict() throws {
        try withStore { store in
            let comments = Self.service(store)
            let id = try Self.published(store)
            let other = try Self.published(store, "آخر")
            _ = try comments.create(on: "\(id)", Self.input("نفس النص"), from: Self.reader, requestID: "test")
            #expect(throws: NewsStoreError.conflict("The same comment was just sent on this article.")) {
                try comments.create(on: "\(id)", Self.input("  نفس النص "), from: Self.reader, requestID: "test")
            }
            // Another client, another article, or ten minutes later: accepted.
            _ = try comments.create(
                on: "\(id)", Self.input("نفس النص"), from: CommentSender(address: "198.51.100.1", key: "198.51.100.1"), requestID: "test")
            _ = try comments.create(on: "\(other)", Self.input("نفس النص"), from: Self.reader, requestID: "test")
            store.clock.advance(minutes: 10)
            _ = try comments.create(on: "\(id)", Self.input("نفس النص"), from: Self.reader, requestID: "test")
        }
    }

    @Test func bansByEmailOrClientRefuseUntilTheyExpire() throws {
        try withStore { store in
            let comments = Self.service(store)
            let id = try Self.published(store)
            var byEmail = CommentBanInput()
            byEmail.email = "Troll@Example.com"
            byEmail.reason = "إساءة"
            let emailBan = try comments.ban(byEmail, by: .system)
            #expect(emailBan.email == "troll@example.com")
            var byAddress = CommentBanInput()
            byAddress.address = "198.51.100.7"
            byAddress.addressKey = "key-7"
            byAddress.reason = "سبام"
            byAddress.expiresAt = store.clock.now.adding(hours: 1)
            _ = try comments.ban(byAddress, by: .system)
            let refused = NewsStoreError.refused("This comment cannot be accepted.")
            #expect(throws: refused) {
                try comments.create(on: "\(id)", Self.input("أ", email: "troll@EXAMPLE.com"), from: Self.reader, requestID: "test")
            }
            #expect(throws: refused) {
                try comments.create(on: "\(id)", Self.input("ب"), from: CommentSender(address: "198.51.100.8", key: "key-7"), requestID: "test")
            }
            store.clock.advance(hours: 2)
            _ = try comments.create(on: "\(id)", Self.input("ب"), from: CommentSender(address: "198.51.100.8", key: "key-7"), requestID: "test")
            try comments.deleteBan(id: emailBan.id, by: .system)
            _ = try comments.create(on: "\(id)", Self.input("أ", email: "troll@example.com"), from: Self.reader, requestID: "test")
            #expect(try comments.allBans().count == 1)

            var both = CommentBanInput()
            both.email = "a@example.com"
            both.address = "198.51.100.9"
            both.addressKey = "k"
            both.reason = "x"
            #expect(throws: NewsStoreError.invalid([FieldError("/address", "give exactly one of email and address")])) {
                try comments.ban(both, by: .system)
            }
        }
    }

    @Test func addressesAreClearedOnceOlderThanTheRetention() throws {
        try withStore { store in
            let comments = CommentService(
                database: store.database, events: .forTests, addressRetention: .seconds(90 * 86_400), clock: store.clock.clock)
            let id = try Self.published(store)
            let old = try comments.create(on: "\(id)", Self.input("قديم"), from: Self.reader, requestID: "test")
            store.clock.advance(hours: 89 * 24)
            _ = try comments.create(on: "\(id)", Self.input("جديد"), from: Self.reader, requestID: "test")
            #expect(try comments.clearExpiredAddresses() == 0)
            store.clock.advance(hours: 25)
            #expect(try comments.clearExpiredAddresses() == 1)
            #expect(
                try store.strings("SELECT coalesce(client_address, 'NULL') || ' ' || coalesce(client_key, 'NULL') FROM comments ORDER BY id")
                    == ["NULL NULL", "203.0.113.5 203.0.113.5"])
            #expect(try comments.moderationQueue(ModerationQuery()).items.first { $0.comment.id == old.id }?.comment.clientAddress == nil)
        }
    }

    @Test func lineBreaksAreStoredAsLineFeeds() throws {
        try withStore { store in
            let comments = Self.service(store, CommentModeration(mode: .post))
            let id = try Self.published(store)
            let comment = try comments.create(on: "\(id)", Self.input("فقرة\r\n\r\nثانية\rثالثة\n"), from: Self.reader, requestID: "test")
            #expect(comment.body == "فقرة\n\nثانية\nثالثة")
            #expect(throws: NewsStoreError.invalid([FieldError("/body", "must not contain control characters")])) {
                try comments.create(on: "\(id)", Self.input("جرس\u{07}"), from: Self.reader, requestID: "test")
            }
        }
    }

    @Test func closedAndNonPublicArticlesTakeNoComments() throws {
        try withStore { store in
            let comments = Self.service(store)
            var closed = ArticleInput()
            closed.title = "مغلق"
            closed.status = .published
            closed.body = [.paragraph("نص")]
            closed.comments = .closed
            let closedID = try store.articles.create(closed, by: .system).id
            #expect(try store.found(closedID)?.comments == .closed)
            #expect(throws: NewsStoreError.refused("Comments are closed on this article.")) {
                try comments.create(on: "\(closedID)", Self.input("نص"), from: Self.reader, requestID: "test")
            }
            var draft = ArticleInput()
            draft.title = "مسودة"
            let draftID = try store.articles.create(draft, by: .system).id
            #expect(throws: NewsStoreError.notFound("article")) {
                try comments.create(on: "\(draftID)", Self.input("نص"), from: Self.reader, requestID: "test")
            }
            #expect(throws: NewsStoreError.notFound("article")) { try comments.publicComments(on: "\(draftID)", CommentListQuery()) }
        }
    }
}
