import JSON
import SQLite
import Testing

@testable import NewsStore

/// Which events article writes append to the outbox, in their own transaction, and how the
/// delivery queue moves a delivery on.
@Suite struct OutboxTests {
    /// A store with one subscription to every event.
    private struct Fixture {
        let store: StoreFixture
        let webhooks: WebhookService
        let queue: DeliveryQueue
        let subscription: WebhookSubscription

        init() throws {
            store = try StoreFixture()
            // The API checks URLs with the outbound client's parser; here every http(s) URL will do.
            webhooks = WebhookService(database: store.database, urlProblem: { _ in nil }, clock: store.clock.clock)
            queue = DeliveryQueue(database: store.database, events: .forTests, clock: store.clock.clock)
            subscription = try webhooks.create(WebhookInput(url: "https://hooks.example/in", events: EventType.allCases.map(\.rawValue)), by: .system)
                .subscription
        }

        /// The outbox's event types, oldest first.
        func events() throws -> [String] {
            try store.strings("SELECT event_type FROM outbox ORDER BY id")
        }

        func payload(_ index: Int) throws -> JSONValue {
            let payloads = try store.database.pool.read { db in
                try db.withStatement("SELECT payload FROM outbox ORDER BY id") { statement in try statement.mapRows { $0.blob(at: 0)! } }
            }
            return try JSONParser.parse(payloads[index])
        }
    }

    private func withFixture(_ body: (Fixture) throws -> Void) throws {
        let fixture = try Fixture()
        defer { fixture.store.close() }
        try body(fixture)
    }

    @Test func publishingUpdatingUnpublishingAndDeletingAnnounceEachOnce() throws {
        try withFixture { fixture in
            let articles = fixture.store.articles
            let draft = try articles.create(Sample.article("مسودة", status: .draft), by: .system)
            #expect(try fixture.events().isEmpty)
            var input = Sample.article("مسودة", status: .published)
            _ = try articles.update(id: draft.id, input, by: .system)
            input.title = "عنوان جديد"
            _ = try articles.update(id: draft.id, input, by: .system)
            _ = try articles.setRelated(id: draft.id, to: [], by: .system)
            input.status = .archived
            _ = try articles.update(id: draft.id, input, by: .system)
            // A change to an article nobody outside can see announces nothing.
            input.title = "أرشيف"
            _ = try articles.update(id: draft.id, input, by: .system)
            input.status = .published
            _ = try articles.update(id: draft.id, input, by: .system)
            try articles.delete(id: draft.id, by: .system)
            #expect(
                try fixture.events() == [
                    "article.published", "article.updated", "article.updated", "article.unpublished", "article.published",
                    "article.deleted",
                ])
            let published = try fixture.payload(0)
            #expect(published["type"] == "article.published")
            #expect(published["timestamp"] == .string(ManualClock.start.rfc3339))
            #expect(published["data"]?["id"]?.int64Value == draft.id)
            #expect(published["data"]?["url"] == .string("https://news.example/articles/" + PercentEncoding.pathSegment(draft.slug)))
            #expect(try fixture.payload(1)["data"]?["title"] == "عنوان جديد")
            // One webhook-id per event, and every row of an article in one ordering key.
            #expect(Set(try fixture.store.strings("SELECT event_id FROM outbox")).count == 6)
            #expect(try fixture.store.strings("SELECT DISTINCT ordering_key FROM outbox") == ["article:\(draft.id)"])
        }
    }

    @Test func commentsAnnounceCreationAndApprovalWithTheirArticle() throws {
        try withFixture { fixture in
            let article = try fixture.store.articles.create(Sample.article("خبر", status: .published), by: .system)
            let pre = CommentService(database: fixture.store.database, events: .forTests, clock: fixture.store.clock.clock)
            let post = CommentService(
                database: fixture.store.database, events: .forTests, moderation: CommentModeration(mode: .post), clock: fixture.store.clock.clock)
            let sender = CommentSender(address: "203.0.113.5", key: "203.0.113.5")
            var input = CommentInput()
            input.authorName = "قارئ"
            input.authorEmail = "reader@example.com"
            input.body = "ينتظر المراجعة"
            let pending = try pre.create(on: "\(article.id)", input, from: sender, requestID: "test")
            input.body = "يظهر فورا"
            _ = try post.create(on: "\(article.id)", input, from: sender, requestID: "test")
            _ = try pre.moderate(id: pending.id, to: .spam, by: .system)
            _ = try pre.moderate(id: pending.id, to: .approved, by: .system)
            _ = try pre.moderate(id: pending.id, to: .approved, by: .system)
            #expect(
                try fixture.events() == [
                    "article.published", "comment.created", "comment.created", "comment.approved", "comment.approved",
                ])
            let created = try fixture.payload(1)
            #expect(created["data"]?["id"]?.int64Value == pending.id)
            #expect(created["data"]?["status"] == "pending")
            #expect(created["data"]?["article"]?["id"]?.int64Value == article.id)
            #expect(created["data"]?["article"]?["url"] == .string("https://news.example/articles/" + PercentEncoding.pathSegment(article.slug)))
            #expect(try fixture.payload(4)["data"]?["status"] == "approved")
            // Comment events follow their article's, and never carry the email or the address.
            #expect(try fixture.store.strings("SELECT DISTINCT ordering_key FROM outbox") == ["article:\(article.id)"])
            let payloads = try fixture.store.strings("SELECT CAST(payload AS TEXT) FROM outbox")
            #expect(!payloads.contains { $0.contains("reader@example.com") || $0.contains("203.0.113.5") })
        }
    }

    @Test func aDraftDeletedAnnouncesNothing() throws {
        try withFixture { fixture in
            let draft = try fixture.store.articles.create(Sample.article("مسودة", status: .draft), by: .system)
            try fixture.store.articles.delete(id: draft.id, by: .system)
            #expect(try fixture.events().isEmpty)
        }
    }

    @Test func aScheduledArticleIsAnnouncedWhenItsTimeComesAndOnlyThen() throws {
        try withFixture { fixture in
            let due = ManualClock.start.adding(hours: 2)
            let article = try fixture.store.articles.create(Sample.article("مجدول", publishedAt: due), by: .system)
            #expect(try fixture.queue.announceDueArticles() == 0)
            #expect(try fixture.events().isEmpty)
            #expect(try fixture.queue.nextWakeTime() == due)
            fixture.store.clock.set(due)
            #expect(try fixture.queue.announceDueArticles() == 1)
            #expect(try fixture.queue.announceDueArticles() == 0)
            #expect(try fixture.events() == ["article.published"])
            #expect(try fixture.payload(0)["data"]?["id"]?.int64Value == article.id)
            #expect(try fixture.queue.nextWakeTime() == due)  // the delivery itself, due now
        }
    }

    /// An edit made after the time came but before the loop announced it announces the
    /// publication first, so the receiver never hears of an update to an unknown article.
    @Test func anEditAfterTheTimeCameAnnouncesThePublicationFirst() throws {
        try withFixture { fixture in
            let due = ManualClock.start.adding(hours: 1)
            var input = Sample.article("مجدول", publishedAt: due)
            let article = try fixture.store.articles.create(input, by: .system)
            fixture.store.clock.set(due.adding(minutes: 1))
            input.title = "مجدول ومعدل"
            _ = try fixture.store.articles.update(id: article.id, input, by: .system)
            #expect(try fixture.events() == ["article.published", "article.updated"])
            #expect(try fixture.queue.announceDueArticles() == 0)
        }
    }

    @Test func reschedulingUnpublishesAndAnnouncesAgainWhenDue() throws {
        try withFixture { fixture in
            var input = Sample.article("خبر")
            let article = try fixture.store.articles.create(input, by: .system)
            input.publishedAt = ManualClock.start.adding(hours: 3)
            _ = try fixture.store.articles.update(id: article.id, input, by: .system)
            #expect(try fixture.events() == ["article.published", "article.unpublished"])
            fixture.store.clock.advance(hours: 3)
            #expect(try fixture.queue.announceDueArticles() == 1)
            #expect(try fixture.events() == ["article.published", "article.unpublished", "article.published"])
        }
    }

    @Test func aRolledBackWriteLeavesNoOutboxRow() throws {
        try withFixture { fixture in
            struct Abort: Error {}
            let article = try fixture.store.articles.create(Sample.article("خبر", status: .draft), by: .system)
            var published = article
            published.status = .published
            published.publishedAt = ManualClock.start
            #expect(throws: Abort.self) {
                try fixture.store.database.write { db in
                    try ArticleEvents.forTests.record(before: article, after: published, at: ManualClock.start, in: db)
                    #expect(try db.exists("SELECT 1 FROM outbox", []))
                    throw Abort()
                }
            }
            #expect(try fixture.events().isEmpty)
        }
    }

    @Test func onlyActiveSubscriptionsToTheEventGetARow() throws {
        try withFixture { fixture in
            let deletions = try fixture.webhooks.create(WebhookInput(url: "http://other.example/", events: ["article.deleted"]), by: .system)
                .subscription
            let paused = try fixture.webhooks.create(WebhookInput(url: "http://paused.example/", events: ["article.published"]), by: .system)
                .subscription
            _ = try fixture.webhooks.update(paused.id, WebhookInput(active: false), by: .system)
            _ = try fixture.store.articles.create(Sample.article("خبر"), by: .system)
            #expect(try fixture.store.strings("SELECT target_id FROM outbox") == [String(fixture.subscription.id)])
            #expect(try fixture.store.int("SELECT count(*) FROM outbox WHERE target_id = ?", [.integer(deletions.id)]) == 0)
        }
    }

    @Test func deliveriesOfOneArticleWaitForTheEarlierOneAndOthersDoNot() throws {
        try withFixture { fixture in
            var input = Sample.article("أول")
            let first = try fixture.store.articles.create(input, by: .system)
            input.title = "أول معدل"
            _ = try fixture.store.articles.update(id: first.id, input, by: .system)
            let second = try fixture.store.articles.create(Sample.article("ثان"), by: .system)
            // One at a time per subscription: the oldest due first.
            let due = try fixture.queue.dueDeliveries(limit: 8, excludingSubscriptions: [])
            #expect(due.map(\.eventType) == ["article.published"])
            #expect(due.first?.secrets.count == 1)
            let failed = DeliveryQueue.AttemptResult(
                attemptedAt: ManualClock.start, duration: .milliseconds(20), status: 500, error: "the receiver answered 500", outcome: .retry,
                retryAt: ManualClock.start.adding(minutes: 5))
            try fixture.queue.record(failed, of: due[0])
            // The first article's update waits behind its publication; the second article goes.
            let next = try fixture.queue.dueDeliveries(limit: 8, excludingSubscriptions: [])
            #expect(next.map(\.eventType) == ["article.published"])
            #expect(try JSONParser.parse(next[0].payload)["data"]?["id"]?.int64Value == second.id)
            #expect(try fixture.queue.dueDeliveries(limit: 8, excludingSubscriptions: [fixture.subscription.id]).isEmpty)
            try fixture.queue.record(
                DeliveryQueue.AttemptResult(
                    attemptedAt: ManualClock.start, duration: .milliseconds(20), status: 204, error: nil, outcome: .delivered, retryAt: nil),
                of: next[0])
            #expect(try fixture.queue.dueDeliveries(limit: 8, excludingSubscriptions: []).isEmpty)
            fixture.store.clock.advance(minutes: 5)
            let retry = try fixture.queue.dueDeliveries(limit: 8, excludingSubscriptions: [])
            #expect(retry.map(\.id) == [due[0].id])
            #expect(retry[0].attempts == 1)
            #expect(retry[0].eventID == due[0].eventID)
        }
    }

    @Test func goneTurnsTheSubscriptionOffAndGivesUpItsDeliveries() throws {
        try withFixture { fixture in
            _ = try fixture.store.articles.create(Sample.article("أول"), by: .system)
            _ = try fixture.store.articles.create(Sample.article("ثان"), by: .system)
            let due = try fixture.queue.dueDeliveries(limit: 8, excludingSubscriptions: [])
            try fixture.queue.record(
                DeliveryQueue.AttemptResult(
                    attemptedAt: ManualClock.start, duration: .milliseconds(5), status: 410, error: "the receiver answered 410", outcome: .gone,
                    retryAt: nil), of: due[0])
            let subscription = try fixture.webhooks.subscription(fixture.subscription.id)
            #expect(!subscription.active)
            #expect(subscription.disabledReason == "gone")
            #expect(
                try fixture.store.strings("SELECT identity || ' ' || action || ' ' || object FROM audit_log WHERE action = 'webhook.disable'")
                    == ["system webhook.disable webhook:\(subscription.id)"])
            #expect(try fixture.store.strings("SELECT DISTINCT state FROM outbox") == ["failed"])
            #expect(try fixture.store.database.outboxStatistics().attempts[.gone] == 1)
            #expect(try fixture.store.database.outboxStatistics().backlog == 0)
            let page = try fixture.webhooks.deliveries(of: subscription.id)
            #expect(page.items.count == 2)
            #expect(page.items.last?.attempts.map(\.status) == [410])
            // Redelivery waits for the subscription to be turned back on.
            #expect(throws: NewsStoreError.self) { try fixture.webhooks.redeliver(due[0].id, of: subscription.id, by: .system) }
            _ = try fixture.webhooks.update(subscription.id, WebhookInput(active: true), by: .system)
            let again = try fixture.webhooks.redeliver(due[0].id, of: subscription.id, by: .system)
            #expect(again.state == .pending)
            #expect(try fixture.queue.dueDeliveries(limit: 8, excludingSubscriptions: []).map(\.id) == [due[0].id])
        }
    }

    @Test func rotationSignsWithBothSecretsFor24Hours() throws {
        try withFixture { fixture in
            _ = try fixture.store.articles.create(Sample.article("خبر"), by: .system)
            let rotated = try fixture.webhooks.rotateSecret(fixture.subscription.id, by: .system)
            #expect(rotated.secret.hasPrefix("whsec_"))
            #expect(Base64.decode(String(rotated.secret.dropFirst(6)))?.count == 32)
            #expect(rotated.subscription.previousSecretExpiresAt == ManualClock.start.adding(hours: 24))
            let signing = try fixture.queue.dueDeliveries(limit: 1, excludingSubscriptions: [])[0].secrets
            #expect(signing.map(\.text).first == rotated.secret)
            #expect(signing.count == 2)
            fixture.store.clock.advance(hours: 24)
            #expect(try fixture.queue.dueDeliveries(limit: 1, excludingSubscriptions: [])[0].secrets.map(\.text) == [rotated.secret])
        }
    }

    @Test func subscriptionsAreValidatedWithPointers() throws {
        try withFixture { fixture in
            let error = storeError {
                try fixture.webhooks.create(
                    WebhookInput(url: "ftp://files.example/", events: ["article.published", "article.exploded"]), by: .system)
            }
            guard case .invalid(let errors)? = error else {
                Issue.record("\(String(describing: error))")
                return
            }
            #expect(errors.map(\.pointer) == ["/url", "/events/1"])
            for url in ["javascript:alert(1)", "/relative", "https://"] {
                let refused = storeError { try fixture.webhooks.create(WebhookInput(url: url, events: ["article.published"]), by: .system) }
                guard case .invalid(let errors)? = refused else {
                    Issue.record("\(url) accepted")
                    continue
                }
                #expect(errors.map(\.pointer) == ["/url"], "\(url)")
            }
            let empty = storeError { try fixture.webhooks.create(WebhookInput(url: "https://hooks.example/", events: []), by: .system) }
            guard case .invalid(let emptyErrors)? = empty else {
                Issue.record("no events accepted")
                return
            }
            #expect(emptyErrors.map(\.pointer) == ["/events"])
        }
    }
}
