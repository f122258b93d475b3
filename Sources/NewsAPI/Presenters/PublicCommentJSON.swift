import JSON
import NewsStore

/// A comment's public members for events, as `GET /articles/{key}/comments` lists them.
public struct PublicCommentJSON: CommentRendering {
    public init() {}

    public func writePublicMembers(of comment: Comment, to writer: inout JSONWriter) {
        CommentJSON.publicMembers(comment, to: &writer)
    }
}
