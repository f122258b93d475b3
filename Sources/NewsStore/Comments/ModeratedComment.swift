/// A comment in the moderation queue, with the article it is on (moderators judge a comment
/// by the story it answers).
public struct ModeratedComment: Sendable, Equatable {
    public let comment: Comment
    public let article: ArticleReference
}
