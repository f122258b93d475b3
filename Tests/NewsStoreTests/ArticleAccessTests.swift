import SQLite
import Testing

@testable import NewsStore

/// The ownership rules of issue 16, stated here as sentences about who may do what, checked
/// against `ArticleAccess` for every role, owner and status, and through `ArticleService`.
@Suite struct ArticleAccessTests {
    enum Owner: CaseIterable { case caller, someoneElse, nobody }

    /// The issue's rules, written independently of `ArticleAccess`'s least-role form.
    static func allowed(_ role: Role, owner: Owner, current: ArticleStatus, _ action: ArticleAccess.Action) -> Bool {
        if role >= .editor { return true }  // editors and admins: every article
        let own = owner == .caller
        switch (role, action) {
        case (.contributor, .create(let status)): return status == .draft  // contributors cannot publish
        case (.contributor, .edit(let status)): return own && current == .draft && status == .draft  // own drafts only
        case (.contributor, .delete): return false  // contributors cannot delete
        case (_, .preview): return own  // the article's own author or contributor
        case (.author, .create): return true
        case (.author, .edit), (.author, .delete): return own  // publish, edit and delete own articles
        default: return false
        }
    }

    static let actions: [ArticleAccess.Action] =
        ArticleStatus.allCases.map { .create($0) } + ArticleStatus.allCases.map { .edit(to: $0) } + [.delete, .preview]

    @Test func everyRoleOwnerStatusAndActionFollowsTheIssue() throws {
        var checked = 0
        for role in Role.allCases {
            for owner in Owner.allCases {
                for current in ArticleStatus.allCases {
                    let article = Self.article(status: current, createdBy: owner)
                    for action in Self.actions {
                        let principal = Principal(identity: "caller", role: role)
                        let expected = Self.allowed(role, owner: owner, current: current, action)
                        let subject: Article? = if case .create = action { nil } else { article }
                        do {
                            try ArticleAccess.check(action, subject, by: principal)
                            #expect(expected, "\(role) \(owner) \(current) \(action) was allowed")
                        } catch NewsStoreError.notAllowed(_, let required) {
                            #expect(!expected, "\(role) \(owner) \(current) \(action) was refused")
                            #expect(required > role, "\(role) \(owner) \(current) \(action) names \(required)")
                            // The named role is enough: the problem never sends a caller to a role that would be refused too.
                            #expect(throws: Never.self) {
                                try ArticleAccess.check(action, subject, by: Principal(identity: "caller", role: required))
                            }
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 4 * 3 * 3 * 8)
    }

    @Test func aContributorWritesItsOwnDraftsAndNothingElse() throws {
        try withStore { store throws in
            let dina = Principal(identity: "dina", role: .contributor)
            let draft = try store.articles.create(Sample.article("مسودة", status: .draft), by: dina)
            #expect(draft.createdBy == "dina")
            #expect(try store.strings("SELECT created_by FROM articles") == ["dina"])
            var input = Sample.article("مسودة معدلة", status: .draft)
            #expect(try store.articles.update(id: draft.id, input, by: dina).title == "مسودة معدلة")

            #expect(Self.requiredRole { try store.articles.create(Sample.article("منشور", status: .published), by: dina) } == .author)
            #expect(Self.requiredRole { try store.articles.create(Sample.article("مؤرشف", status: .archived), by: dina) } == .author)
            input.status = .published
            #expect(Self.requiredRole { try store.articles.update(id: draft.id, input, by: dina) } == .author)
            #expect(Self.requiredRole { try store.articles.delete(id: draft.id, by: dina) } == .author)

            let other = Principal(identity: "omar", role: .contributor)
            input.status = .draft
            #expect(Self.requiredRole { try store.articles.update(id: draft.id, input, by: other) } == .editor)
            // Nothing was written by the refused calls, and they left no audit rows.
            #expect(try store.found(draft.id)?.title == "مسودة معدلة")
            #expect(try store.strings("SELECT action FROM audit_log ORDER BY id") == ["article.create", "article.update"])
        }
    }

    @Test func anAuthorPublishesAndDeletesItsOwnButNotOthers() throws {
        try withStore { store throws in
            let amal = Principal(identity: "amal", role: .author)
            let own = try store.articles.create(Sample.article("خبر أمل", status: .draft), by: amal)
            let published = try store.articles.update(id: own.id, Sample.article("خبر أمل", status: .published), by: amal)
            #expect(published.status == .published)
            let others = try store.articles.create(Sample.article("خبر سامي", status: .draft), by: Principal(identity: "sami", role: .author))
            #expect(Self.requiredRole { try store.articles.update(id: others.id, Sample.article("تعديل", status: .draft), by: amal) } == .editor)
            #expect(Self.requiredRole { try store.articles.delete(id: others.id, by: amal) } == .editor)
            try store.articles.delete(id: own.id, by: amal)
            #expect(storeError { try store.articles.article(String(own.id), for: .editor) }?.isNotFound == true)
        }
    }

    @Test func articlesFromBeforeOwnershipBelongToNobodyButEditors() throws {
        try withStore { store throws in
            let legacy = try store.articles.create(Sample.article("خبر قديم", status: .draft), by: .system)
            try store.database.write { db in try db.execute(sql: "UPDATE articles SET created_by = NULL") }
            let bootstrap = Principal(identity: "bootstrap", role: .author)
            #expect(try store.found(legacy.id)?.createdBy == nil)
            #expect(Self.requiredRole { try store.articles.update(id: legacy.id, Sample.article("x", status: .draft), by: bootstrap) } == .editor)
            let editor = Principal(identity: "lina", role: .editor)
            #expect(try store.articles.update(id: legacy.id, Sample.article("تحرير", status: .published), by: editor).status == .published)
            // Editing does not change whose article it is.
            #expect(try store.found(legacy.id)?.createdBy == nil)
        }
    }

    /// The role a refusal of `body` names, or nil (recording an issue) when it is not refused.
    static func requiredRole<R>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> R) -> Role? {
        guard case .notAllowed(_, let role)? = storeError(sourceLocation: sourceLocation, body) else {
            Issue.record("not refused for its role", sourceLocation: sourceLocation)
            return nil
        }
        return role
    }

    static func article(status: ArticleStatus, createdBy owner: Owner) -> Article {
        let createdBy: String? =
            switch owner {
            case .caller: "caller"
            case .someoneElse: "someone"
            case .nobody: nil
            }
        return Article(
            id: 1, slug: "a", title: "a", summary: nil, body: ArticleBody(storedJSON: Array("[]".utf8)), hero: nil, author: nil,
            sources: SourceList(storedJSON: Array("[]".utf8)), category: nil, tags: TagList(storedJSON: Array("[]".utf8)), status: status,
            publishedAt: nil, createdAt: Timestamp(milliseconds: 0), updatedAt: Timestamp(milliseconds: 0), views: 0, version: 1, related: [],
            createdBy: createdBy)
    }
}
