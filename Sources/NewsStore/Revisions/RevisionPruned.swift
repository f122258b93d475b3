/// A restore asked for a revision that retention removed (`410`).
public struct RevisionPruned: Error, Sendable, Equatable {
    public let articleID: Int64
    public let number: Int64
}
