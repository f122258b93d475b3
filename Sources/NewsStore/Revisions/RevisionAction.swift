/// What kind of change made a revision.
public enum RevisionAction: String, Sendable, CaseIterable {
    /// The state of an article written before revisions were kept, recorded just before its
    /// first change since, so that state can be restored too.
    case baseline
    case create
    /// A change that made the article published (or scheduled).
    case publish
    /// A change that took a published article back to draft or archived.
    case unpublish
    /// Any other change of its fields.
    case update
    /// New editors' related links.
    case related
    /// A copy of an earlier revision.
    case restore

    /// The action of a content write (not related links, not a restore) from `before` to `after`.
    static func of(before: Article?, after: Article) -> RevisionAction {
        guard let before else { return .create }
        switch (before.status == .published, after.status == .published) {
        case (false, true): return .publish
        case (true, false): return .unpublish
        default: return .update
        }
    }
}
