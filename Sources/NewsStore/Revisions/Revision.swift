/// One stored revision of an article: who made which change when. Its snapshot is read
/// separately (`RevisionService.revision`), so listings stay small.
public struct Revision: Sendable, Equatable {
    public let articleID: Int64
    /// Counts from 1 per article; never reused.
    public let number: Int64
    public let at: Timestamp
    public let identity: String
    public let role: String
    public let action: RevisionAction
    /// The snapshot's members that differ from the revision before (`RevisionSnapshot.fields`).
    public let changed: [String]
    /// The revision a restore copied.
    public let restoredFrom: Int64?
    /// The publication time the article has in it, when it is published or scheduled.
    public let publishedAt: Timestamp?
    /// When the next revision replaced it; nil while it is the article's current state.
    public let supersededAt: Timestamp?

    /// Whether readers could see the article as it is in this revision by `now`: published,
    /// and its publication time came before it was replaced. Retention keeps these forever.
    public func wasPublic(at now: Timestamp) -> Bool {
        guard let publishedAt else { return false }
        guard let supersededAt else { return publishedAt <= now }
        return publishedAt < supersededAt
    }
}

/// A revision with the article as it was.
public struct RevisionDetail: Sendable, Equatable {
    public let revision: Revision
    public let snapshot: RevisionSnapshot
}
