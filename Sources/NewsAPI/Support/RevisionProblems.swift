import HTTP
import NewsStore

/// A revision retention removed: it existed, so `404` would be a lie, and it will not come
/// back, which is what `410 Gone` says.
extension RevisionPruned: ResponseError {
    public var response: Response {
        ProblemDetails(
            status: .gone,
            detail:
                "Revision \(number) of article \(articleID) was removed by retention (revisions_kept); list the revisions for those that are kept."
        ).response
    }
}

extension ProblemDetails {
    /// A restore without `If-Match`: it would silently undo whatever changed since the client
    /// last looked, so the client must say which version it is replacing.
    static let restoreNeedsIfMatch = ProblemDetails(
        status: .preconditionRequired,
        detail: "A restore needs If-Match with the article's current ETag (from GET /api/v1/articles/{id} with a token).")
}
