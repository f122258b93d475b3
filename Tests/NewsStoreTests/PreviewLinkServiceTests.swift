import Testing

@testable import NewsStore

@Suite struct PreviewLinkServiceTests {
    private let editor = Principal(identity: "سلمى", role: .editor, clientAddress: "203.0.113.9", requestID: "req-7")

    private func previews(_ store: StoreFixture) -> PreviewLinkService {
        PreviewLinkService(database: store.database, articles: store.articles, clock: store.clock.clock)
    }

    @Test func aLinkShowsItsDraftUntilItExpiresToTheMillisecond() throws {
        try withStore { store throws in
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: editor)
            let (link, token) = try previews(store).create(articleID: draft.id, expiresIn: "2h", by: editor)
            #expect(link.expiresAt == ManualClock.start.adding(hours: 2))
            #expect(link.createdBy == "سلمى")
            guard case .unpublished(let shown) = try previews(store).resolve(token) else {
                Issue.record("a live link to a draft shows the draft")
                return
            }
            #expect(shown.id == draft.id && shown.title == "مسودة" && shown.status == .draft)
            store.clock.advance(milliseconds: 2 * 3_600_000 - 1)
            #expect(try previews(store).resolve(token) != .expired)
            store.clock.advance(milliseconds: 1)
            #expect(try previews(store).resolve(token) == .expired)
            #expect(try previews(store).list(articleID: draft.id, by: editor).map { $0.state(at: store.clock.now) } == [.expired])
        }
    }

    @Test func onlyTheDigestIsStoredAndOtherTokensFindNothing() throws {
        try withStore { store throws in
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: editor)
            let (_, token) = try previews(store).create(articleID: draft.id, expiresIn: nil, by: editor)
            #expect(token.utf8.count == 43)
            #expect(try store.strings("SELECT token_hash FROM preview_links") == [SHA256.hexDigest(token)])
            #expect(try store.allCells(of: "preview_links").allSatisfy { !$0.contains(token) })
            let (_, other) = PreviewToken.generate()
            for wrong in [other, "", "short", String(token.dropLast()) + "!", token + "A"] {
                #expect(storeError { try previews(store).resolve(wrong) }?.isNotFound == true, "\(wrong)")
            }
        }
    }

    @Test func theDefaultLifetimeIsADayAndOthersAreBounded() throws {
        try withStore { store throws in
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: editor)
            #expect(try previews(store).create(articleID: draft.id, expiresIn: nil, by: editor).link.expiresAt == ManualClock.start.adding(days: 1))
            #expect(
                try previews(store).create(articleID: draft.id, expiresIn: "30d", by: editor).link.expiresAt == ManualClock.start.adding(days: 30))
            #expect(
                try previews(store).create(articleID: draft.id, expiresIn: "1m", by: editor).link.expiresAt == ManualClock.start.adding(minutes: 1))
            #expect(try previews(store).create(articleID: draft.id, expiresIn: "2w", by: editor).link.expiresAt == ManualClock.start.adding(days: 14))
            for refused in ["59s", "90s", "31d", "5w", "0h", "24", "h", "24 h", "-1h", "1.5h", "24H", "1000000d", "٢٤h"] {
                #expect(
                    storeError { try previews(store).create(articleID: draft.id, expiresIn: refused, by: editor) }?.pointers == ["/expires_in"],
                    "\(refused)")
            }
            #expect(storeError { try previews(store).create(articleID: 999, expiresIn: nil, by: editor) }?.isNotFound == true)
        }
    }

    @Test func aRevokedLinkIsGoneEvenOnceItsArticleIsPublic() throws {
        try withStore { store throws in
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: editor)
            let (kept, keptToken) = try previews(store).create(articleID: draft.id, expiresIn: "1h", by: editor)
            let (revoked, revokedToken) = try previews(store).create(articleID: draft.id, expiresIn: "1h", by: editor)
            try previews(store).revoke(articleID: draft.id, linkID: revoked.id, by: editor)
            #expect(try previews(store).resolve(revokedToken) == .revoked)
            #expect(storeError { try previews(store).revoke(articleID: draft.id, linkID: revoked.id, by: editor) }?.isNotFound == true)
            let other = try store.articles.create(Sample.article("آخر", status: .draft), by: editor)
            #expect(storeError { try previews(store).revoke(articleID: other.id, linkID: kept.id, by: editor) }?.isNotFound == true)
            #expect(try previews(store).list(articleID: draft.id, by: editor).map(\.id) == [revoked.id, kept.id])

            _ = try store.articles.update(id: draft.id, Sample.article("مسودة", status: .published), by: editor)
            guard case .published(let article) = try previews(store).resolve(keptToken) else {
                Issue.record("a link to a published article leads to it")
                return
            }
            #expect(article.slug == draft.slug)
            #expect(try previews(store).resolve(revokedToken) == .revoked)
            // Expired, but the article is public anyway: the link still leads there.
            store.clock.advance(hours: 2)
            if case .published = try previews(store).resolve(keptToken) {} else { Issue.record("expired, but public: redirected") }
        }
    }

    @Test func aScheduledArticleIsPreviewedUntilItsTimeComes() throws {
        try withStore { store throws in
            let scheduled = try store.articles.create(
                Sample.article("مجدول", status: .published, publishedAt: ManualClock.start.adding(hours: 1)), by: editor)
            let (_, token) = try previews(store).create(articleID: scheduled.id, expiresIn: "1d", by: editor)
            if case .unpublished = try previews(store).resolve(token) {} else { Issue.record("not public yet: previewed") }
            store.clock.advance(hours: 1)
            if case .published = try previews(store).resolve(token) {} else { Issue.record("public now: redirected") }
        }
    }

    @Test func thePreviewShowsOnlyPublicRelatedArticles() throws {
        try withStore { store throws in
            let published = try store.articles.create(Sample.article("منشور", tags: ["سوريا"]), by: editor)
            let otherDraft = try store.articles.create(Sample.article("مسودة أخرى", status: .draft, tags: ["سوريا"]), by: editor)
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft, tags: ["سوريا"]), by: editor)
            _ = try store.articles.setRelated(id: draft.id, to: [otherDraft.id, published.id], by: editor)
            let (_, token) = try previews(store).create(articleID: draft.id, expiresIn: nil, by: editor)
            guard case .unpublished(let shown) = try previews(store).resolve(token) else {
                Issue.record("previewed")
                return
            }
            #expect(shown.related.map(\.id) == [published.id])
            #expect(!shown.suggestions.map(\.id).contains(otherDraft.id))
            // And the draft reaches no reader's related list, listing or search through its link.
            let publicDetail = try #require(try store.found(published.id, for: .reader))
            #expect(!(publicDetail.related + publicDetail.suggestions).map(\.id).contains(draft.id))
            #expect(!(try store.allIDs(ArticleQuery())).contains(draft.id))
        }
    }

    @Test func creationAndRevocationAreAuditedAndNothingElse() throws {
        try withStore { store throws in
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: .system)
            let (link, token) = try previews(store).create(articleID: draft.id, expiresIn: "24h", by: editor)
            _ = try previews(store).resolve(token)
            _ = try previews(store).list(articleID: draft.id, by: editor)
            try previews(store).revoke(articleID: draft.id, linkID: link.id, by: editor)
            let rows = try store.strings(
                "SELECT identity || '|' || role || '|' || client_address || '|' || request_id || '|' || action || '|' || object || '|' || summary FROM audit_log WHERE action LIKE 'preview_link.%' ORDER BY id"
            )
            #expect(
                rows == [
                    "سلمى|editor|203.0.113.9|req-7|preview_link.create|preview_link:\(link.id)|article:\(draft.id) for 24h, until \(ManualClock.start.adding(days: 1).rfc3339)",
                    "سلمى|editor|203.0.113.9|req-7|preview_link.revoke|preview_link:\(link.id)|article:\(draft.id)",
                ])
        }
    }

    @Test func deletingTheArticleDeletesItsLinks() throws {
        try withStore { store throws in
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: editor)
            let (_, token) = try previews(store).create(articleID: draft.id, expiresIn: nil, by: editor)
            try store.articles.delete(id: draft.id, by: editor)
            #expect(try store.int("SELECT count(*) FROM preview_links") == 0)
            #expect(storeError { try previews(store).resolve(token) }?.isNotFound == true)
        }
    }

    @Test func theArticlesOwnerOrAnEditorManagesItsLinks() throws {
        try withStore { store throws in
            let contributor = Principal(identity: "alice", role: .contributor)
            let author = Principal(identity: "bob", role: .author)
            let own = try store.articles.create(Sample.article("مسودة أليس", status: .draft), by: contributor)
            let (link, _) = try previews(store).create(articleID: own.id, expiresIn: nil, by: contributor)
            #expect(try previews(store).list(articleID: own.id, by: contributor).map(\.id) == [link.id])
            // Another's article: even an author may not, an editor may.
            for call in [
                { _ = try previews(store).create(articleID: own.id, expiresIn: nil, by: author) },
                { _ = try previews(store).list(articleID: own.id, by: author) },
                { try previews(store).revoke(articleID: own.id, linkID: link.id, by: author) },
            ] {
                guard case .notAllowed(_, let role) = storeError(call) else {
                    Issue.record("another's article's links are refused")
                    continue
                }
                #expect(role == .editor)
            }
            let authors = try store.articles.create(Sample.article("مقال بوب", status: .draft), by: author)
            #expect(throws: Never.self) { try previews(store).create(articleID: authors.id, expiresIn: nil, by: author) }
            if case .notAllowed = storeError({ try previews(store).create(articleID: authors.id, expiresIn: nil, by: contributor) }) {
            } else {
                Issue.record("a contributor may not make links to another's article")
            }
            try previews(store).revoke(articleID: own.id, linkID: link.id, by: editor)
            #expect(try store.int("SELECT count(*) FROM audit_log WHERE action = 'preview_link.create'") == 2)
        }
    }
}
