import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// The audit log on real SQLite files: nobody rewrites it from a plain connection, the one
/// removal (prune) works and leaves its own trace, the services record who wrote what, and
/// the listing filters and pages newest first.
@Suite struct AuditLogTests {
    static let editor = Principal(identity: "سلمى", role: .editor, clientAddress: "203.0.113.9", requestID: "req-7")

    /// Each row as `identity|role|address|request id|action|object|summary`, oldest first.
    static func rows(_ store: StoreFixture) throws -> [String] {
        try store.strings(
            "SELECT identity || '|' || role || '|' || client_address || '|' || request_id || '|' || action || '|' || object || '|' || summary FROM audit_log ORDER BY id"
        )
    }

    /// A connection of its own on the store's file, as `sqlite3` or any other program opens it.
    static func plainConnection(_ store: StoreFixture) throws -> Connection {
        try Connection(path: store.path)
    }

    static func sqliteMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    // MARK: Append-only

    @Test func updateAndDeleteFailFromAPlainSQLiteConnection() throws {
        try withStore { store throws in
            _ = try store.articles.create(Sample.article("خبر"), by: Self.editor)
            let connection = try Self.plainConnection(store)
            for sql in [
                "UPDATE audit_log SET identity = 'someone else'",
                "UPDATE audit_log SET summary = '' WHERE id = 1",
                "DELETE FROM audit_log",
                "DELETE FROM audit_log WHERE id = 1",
                "INSERT INTO audit_prunes (before, at, identity) VALUES (1, 1, 'x'); UPDATE audit_prunes SET before = 9e15",
                "DELETE FROM audit_prunes",
            ] {
                let message = Self.sqliteMessage { try connection.execute(sql: sql) }
                #expect(message?.contains("append-only") == true, "\(sql) was allowed: \(message ?? "no error")")
            }
            // Even after a prune bound exists, a plain connection can only take rows older than it.
            try connection.execute(sql: "INSERT INTO audit_prunes (before, at, identity) VALUES (1, 1, 'x')")
            #expect(Self.sqliteMessage { try connection.execute(sql: "DELETE FROM audit_log") }?.contains("append-only") == true)
            #expect(try Self.rows(store) == ["سلمى|editor|203.0.113.9|req-7|article.create|article:1|خبر"])
        }
    }

    // MARK: Prune

    @Test func pruneRemovesOnlyOlderRowsRecordsItsBoundAndIsAudited() throws {
        try withStore { store throws in
            let audit = AuditService(database: store.database, clock: store.clock.clock)
            _ = try store.articles.create(Sample.article("قديم"), by: Self.editor)
            store.clock.advance(hours: 48)
            let bound = store.clock.now
            _ = try store.articles.create(Sample.article("جديد"), by: Self.editor)
            store.clock.advance(hours: 1)
            let operator_ = Principal(identity: "operator", role: .admin)
            #expect(
                storeError { try audit.prune(before: store.clock.now.adding(minutes: 1), by: operator_) }?.pointers == ["/before"])
            let pruned = try audit.prune(before: bound, by: operator_)
            #expect(pruned.removed == 1)
            #expect(pruned.before == bound)
            #expect(
                try Self.rows(store) == [
                    "سلمى|editor|203.0.113.9|req-7|article.create|article:2|جديد",
                    "operator|admin|||audit.prune|audit_prune:\(pruned.id)|removed 1 rows older than \(bound.rfc3339)",
                ])
            #expect(
                try store.strings("SELECT before || ' ' || at || ' ' || identity FROM audit_prunes")
                    == ["\(bound.milliseconds) \(store.clock.now.milliseconds) operator"])
            // The prune's own row and everything after the bound stay protected.
            let connection = try Self.plainConnection(store)
            #expect(Self.sqliteMessage { try connection.execute(sql: "DELETE FROM audit_log") }?.contains("append-only") == true)
            #expect(try store.int("SELECT count(*) FROM audit_log") == 2)
        }
    }

    @Test func pruneRemovesMoreRowsThanOneBatchInSeveralTransactions() throws {
        try withStore { store throws in
            let rows = AuditService.pruneBatch * 2 + 17
            try store.database.pool.write { db in
                try db.execute(
                    sql: """
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows))
                        INSERT INTO audit_log (at, identity, role, action, object) SELECT i, 'old', 'editor', 'tag.create', 'tag:' || i FROM n
                        """)
            }
            let pruned = try AuditService(database: store.database, clock: store.clock.clock).prune(before: store.clock.now, by: .system)
            #expect(pruned.removed == rows)
            #expect(try store.strings("SELECT summary FROM audit_log") == ["removed \(rows) rows older than \(store.clock.now.rfc3339)"])
        }
    }

    @Test func aFailedWriteLeavesNoRowAndNoPruneBound() throws {
        try withStore { store throws in
            let audit = AuditService(database: store.database, clock: store.clock.clock)
            #expect(storeError { try audit.prune(before: store.clock.now.adding(days: 1), by: .system) } != nil)
            #expect(storeError { try store.terms.create(.tag, TermInput(name: " "), by: Self.editor) } != nil)
            #expect(try store.int("SELECT count(*) FROM audit_prunes") == 0)
            #expect(try store.int("SELECT count(*) FROM audit_log") == 0)
        }
    }

    // MARK: Who wrote what

    @Test func tokenWritesRecordTheirPrincipal() throws {
        try withStore { store throws in
            let (token, _) = try store.tokens.create(name: "رنا", role: .admin, by: .system)
            try store.tokens.revoke(name: "رنا", by: Self.editor)
            #expect(
                try store.strings("SELECT identity || '|' || action || '|' || object FROM audit_log ORDER BY id") == [
                    "system|token.create|token:\(token.id)", "سلمى|token.revoke|token:\(token.id)",
                ])
        }
    }

    @Test func termCommentBanWebhookAndBackupWritesRecordTheirPrincipal() throws {
        try withStore { store throws in
            let category = try store.terms.create(.category, TermInput(name: "سياسة", slug: "politics"), by: Self.editor)
            _ = try store.terms.update(.category, "politics", TermInput(name: "السياسة"), by: Self.editor)
            try store.terms.delete(.category, "politics", by: Self.editor)

            let comments = CommentService(
                database: store.database, events: .forTests, moderation: CommentModeration(mode: .pre), clock: store.clock.clock)
            let article = try CommentServiceTests.published(store)
            let comment = try comments.create(
                on: "\(article)", CommentServiceTests.input("تعليق"), from: CommentServiceTests.reader, requestID: "req-reader")
            _ = try comments.moderate(id: comment.id, to: .approved, by: Self.editor)
            _ = try comments.moderate(id: comment.id, to: .approved, by: Self.editor)
            try comments.delete(id: comment.id, by: Self.editor)
            var banInput = CommentBanInput()
            banInput.email = "troll@example.com"
            banInput.reason = "إساءة"
            let ban = try comments.ban(banInput, by: Self.editor)
            try comments.deleteBan(id: ban.id, by: Self.editor)

            let webhooks = WebhookService(database: store.database, urlProblem: { _ in nil }, clock: store.clock.clock)
            let hook = try webhooks.create(WebhookInput(url: "https://hooks.example/in", events: ["article.published"]), by: Self.editor)
            _ = try webhooks.update(hook.subscription.id, WebhookInput(active: false), by: Self.editor)
            _ = try webhooks.rotateSecret(hook.subscription.id, by: Self.editor)
            try webhooks.delete(hook.subscription.id, by: Self.editor)

            let folder = store.directory + "/backups"
            let backup = try BackupFolder(path: folder).takeBackup(of: store.database, by: Self.editor, at: store.clock.now)

            let by = "سلمى|editor|203.0.113.9|req-7"
            let hookID = hook.subscription.id
            #expect(
                try Self.rows(store) == [
                    "\(by)|category.create|category:\(category.id)|سياسة",
                    "\(by)|category.update|category:\(category.id)|السياسة",
                    "\(by)|category.delete|category:\(category.id)|السياسة",
                    "system|admin|||article.create|article:\(article)|خبر",
                    "anonymous|reader||req-reader|comment.create|comment:\(comment.id)|on article:\(article), pending",
                    "\(by)|comment.moderate|comment:\(comment.id)|pending → approved",
                    "\(by)|comment.delete|comment:\(comment.id)|on article:\(article)",
                    "\(by)|ban.create|ban:\(ban.id)|إساءة",
                    "\(by)|ban.delete|ban:\(ban.id)|",
                    "\(by)|webhook.create|webhook:\(hookID)|https://hooks.example/in",
                    "\(by)|webhook.update|webhook:\(hookID)|https://hooks.example/in (off)",
                    "\(by)|webhook.rotate_secret|webhook:\(hookID)|",
                    "\(by)|webhook.delete|webhook:\(hookID)|https://hooks.example/in",
                    "\(by)|backup.create|backup:\(backup.fileName)|integrity check ok",
                ])
        }
    }

    @Test func addressRetentionIsAuditedAsTheServersOwnWorkOnlyWhenItClearsSome() throws {
        try withStore { store throws in
            let comments = CommentService(
                database: store.database, events: .forTests, addressRetention: .seconds(86_400), clock: store.clock.clock)
            let article = try CommentServiceTests.published(store)
            _ = try comments.create(on: "\(article)", CommentServiceTests.input("قديم"), from: CommentServiceTests.reader, requestID: "r")
            #expect(try comments.clearExpiredAddresses() == 0)
            store.clock.advance(hours: 25)
            #expect(try comments.clearExpiredAddresses() == 1)
            #expect(
                try store.strings("SELECT action || ' ' || identity FROM audit_log WHERE action LIKE 'comment.%'") == [
                    "comment.create anonymous", "comment.clear_addresses system",
                ])
        }
    }

    @Test func aLongSummaryIsShortenedNotRefused() throws {
        try withStore { store throws in
            let title = String(repeating: "خ", count: 250)
            _ = try store.articles.create(Sample.article(title), by: Self.editor)
            let summary = try #require(try store.strings("SELECT summary FROM audit_log").first)
            #expect(summary.count == AuditLog.summaryLength)
            #expect(summary.hasSuffix("…"))
        }
    }

    // MARK: Listing

    @Test func entriesFilterExactlyAndPageNewestFirst() throws {
        try withStore { store throws in
            let audit = AuditService(database: store.database, clock: store.clock.clock)
            let other = Principal(identity: "rana", role: .editor)
            var ids: [Int64] = []
            for index in 0..<7 {
                ids.append(try store.articles.create(Sample.article("خبر \(index)"), by: index.isMultiple(of: 2) ? Self.editor : other).id)
                store.clock.advance(hours: 1)
            }
            _ = try store.articles.update(id: ids[0], Sample.article("معدّل"), by: other)

            var query = AuditQuery(limit: 3)
            var seen: [String] = []
            while true {
                let page = try audit.entries(query)
                #expect(page.entries.count <= 3)
                seen += page.entries.map { "\($0.action) \($0.object)" }
                guard let cursor = page.nextCursor else { break }
                query.cursor = cursor
            }
            #expect(seen == ["article.update article:\(ids[0])"] + ids.reversed().map { "article.create article:\($0)" })

            #expect(try audit.entries(AuditQuery(identity: "rana")).entries.count == 4)
            #expect(try audit.entries(AuditQuery(identity: "ran")).entries.isEmpty)
            #expect(try audit.entries(AuditQuery(action: "article.update")).entries.map(\.identity) == ["rana"])
            #expect(try audit.entries(AuditQuery(object: "article:\(ids[0])")).entries.map(\.action) == ["article.update", "article.create"])
            let window = try audit.entries(
                AuditQuery(since: ManualClock.start.adding(hours: 2), until: ManualClock.start.adding(hours: 4))
            ).entries
            #expect(window.map(\.object) == ["article:\(ids[3])", "article:\(ids[2])"])
            let entry = try #require(try audit.entries(AuditQuery(identity: "سلمى", limit: 1)).entries.first)
            #expect(entry.role == "editor")
            #expect(entry.clientAddress == "203.0.113.9")
            #expect(entry.requestID == "req-7")
            #expect(entry.at == ManualClock.start.adding(hours: 6))

            #expect(
                storeError { try audit.entries(AuditQuery(cursor: "not-a-cursor")) }
                    == .invalidQuery("cursor is not one this API gave out; start again without it."))
            let deliveriesCursor = RowCursor(.webhookDeliveries, id: 5).token
            #expect(storeError { try audit.entries(AuditQuery(cursor: deliveriesCursor)) } != nil)
        }
    }
}
