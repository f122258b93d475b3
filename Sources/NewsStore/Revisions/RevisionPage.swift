/// One page of an article's revisions, newest first.
public struct RevisionPage: Sendable, Equatable {
    public let items: [Revision]
    /// Where the next (older) page starts; nil on the last page.
    public let nextCursor: RevisionCursor?
}
