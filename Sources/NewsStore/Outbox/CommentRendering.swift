import JSON

/// Writes a comment's public members as the API shows them to readers. Comment events carry
/// the same members as `GET /articles/{key}/comments`, so a receiver reads one shape, and the
/// email and client address, which the public shape leaves out, never leave the server.
public protocol CommentRendering: Sendable {
    /// Writes the comment's public members into the object `writer` has open.
    func writePublicMembers(of comment: Comment, to writer: inout JSONWriter)
}
