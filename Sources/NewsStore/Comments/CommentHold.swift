/// What status a new comment gets: under pre-moderation it waits; under post-moderation it is
/// approved at once unless it looks like what moderators remove, and then it waits too.
public struct CommentModeration: Sendable, Equatable {
    public var mode: ModerationMode
    public var wordList: CommentWordList

    /// More links than this hold a comment: one or two are a reader citing a source; a
    /// handful is what link spam looks like.
    public static let maximumLinks = 2

    public init(mode: ModerationMode = .pre, wordList: CommentWordList = .empty) {
        self.mode = mode
        self.wordList = wordList
    }

    func initialStatus(of comment: ValidComment) -> CommentStatus {
        guard mode == .post else { return .pending }
        return isHeld(comment) ? .pending : .approved
    }

    /// Whether a moderator should see the comment before readers do: a listed word or phrase
    /// in its name or body, or more than `maximumLinks` links.
    func isHeld(_ comment: ValidComment) -> Bool {
        if LinkCount.of(comment.authorName) + LinkCount.of(comment.body) > Self.maximumLinks { return true }
        return wordList.matches(comment.authorName) || wordList.matches(comment.body)
    }
}
