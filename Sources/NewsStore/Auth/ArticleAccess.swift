/// Who may do what to an article: the newsroom's ownership rules, in one place, for every
/// write that changes an article (create, update, delete, a revision's restore, preview links).
///
/// An article is someone's own when it was created with their identity (`created_by`, the
/// token's name); articles from before identities were recorded belong to nobody.
/// - `contributor`: creates drafts and edits its own drafts, which stay drafts;
/// - `author`: also publishes, schedules, archives, edits and deletes its own articles;
/// - `editor` and `admin`: everything, on every article.
/// Preview links of an article may be made by its owner, whatever their role, or an editor.
/// Related links, categories and tags are the editors' by route permission, not here.
public enum ArticleAccess {
    public enum Action: Sendable, Equatable {
        /// Creating an article with this status.
        case create(ArticleStatus)
        /// Changing an article (its content, its status, a revision's restore) so that it ends
        /// with this status.
        case edit(to: ArticleStatus)
        case delete
        /// Making or revoking preview links to the article.
        case preview
    }

    /// Throws `NewsStoreError.notAllowed`, naming the role that would be needed, unless
    /// `principal` may do `action` to `article` (nil only for `.create`).
    public static func check(_ action: Action, _ article: Article?, by principal: Principal) throws {
        let needed = requiredRole(action, article, identity: principal.identity)
        guard principal.role >= needed else {
            throw NewsStoreError.notAllowed(explanation(action, identity: principal.identity, needed: needed), requiredRole: needed)
        }
    }

    /// The least role with which `identity` may do `action` to `article`.
    public static func requiredRole(_ action: Action, _ article: Article?, identity: String) -> Role {
        let own = article?.createdBy.map { $0 == identity } ?? false
        switch action {
        case .create(let status):
            return status == .draft ? .contributor : .author
        case .edit(let status):
            guard own else { return .editor }
            return article?.status == .draft && status == .draft ? .contributor : .author
        case .delete:
            return own ? .author : .editor
        case .preview:
            return own ? .contributor : .editor
        }
    }

    /// Why `needed` is needed. Preview links never need more than the owner's own role or
    /// the editor's, so only the editor's rule and the author's rights are ever explained.
    private static func explanation(_ action: Action, identity: String, needed: Role) -> String {
        if needed >= .editor {
            return "This article was not created by '\(identity)'; changing other people's articles needs the editor role or above."
        }
        switch action {
        case .create:
            return "Creating an article that is not a draft needs the author role or above."
        case .delete:
            return "Deleting one's own article needs the author role or above."
        case .edit, .preview:
            return "Publishing, scheduling or archiving an article, or editing one that is not a draft, needs the author role or above."
        }
    }
}
