import HTTP

/// The API's rate classes: the per-client budgets its routes declare where they are registered
/// (sizes in `ClientLimitSettings` and `ViewSettings`). The router draws on them once a
/// request's decoded path has matched, so `/api/v1/%73earch` is a search like `/api/v1/search`.
/// Who is a client, and who is not limited: `ClientIdentification` and
/// `ClientIdentification.client(of:from:)`.
struct ClientLimits: Sendable {
    /// Public reads of the API (listings, details, terms, the most read): generous.
    let read: RateClass
    /// Full-text searches, the costliest reads.
    let search: RateClass
    /// POST, PUT, PATCH, DELETE with a token.
    let write: RateClass
    /// Readers' article views.
    let view: RateClass
    /// Readers' comments.
    let comment: RateClass

    init(settings: ClientLimitSettings, views: ViewSettings, comments: CommentSettings) {
        read = RateClass("read", limit: settings.reads)
        search = RateClass("search", limit: settings.searches)
        write = RateClass("write", limit: settings.writes)
        view = RateClass("view", limit: views.rate)
        comment = RateClass("comments", limit: comments.rate)
    }
}
