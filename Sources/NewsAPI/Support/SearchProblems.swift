import HTTP
import NewsStore

/// A stopped search as an HTTP answer. Both are `503` with a problem document: the server
/// declined to finish the work, and neither a client error (the query is well formed, and the
/// same query may pass on an idle server) nor a fault to count as a `500`.
extension SearchStopped: ResponseError {
    /// Seconds a client should wait before sending the same search again, as `Retry-After`:
    /// the limit is wall time, so a search stopped on a busy server may pass a little later.
    static let retryAfterSeconds = 5

    public var response: Response {
        switch self {
        case .overTimeLimit(let limit):
            let milliseconds = limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000
            var response = ProblemDetails(
                status: .serviceUnavailable,
                detail:
                    "The search took longer than \(milliseconds) ms and was stopped. Narrow it: longer words, fewer prefixes (word*), "
                    + "or a category, tag, since or until."
            ).response
            response.headers.set("Retry-After", String(Self.retryAfterSeconds))
            return response
        case .cancelled:
            // Written only when the client half-closed its connection; one that closed it
            // entirely reads nothing, and the transport drops the answer.
            return ProblemDetails(status: .serviceUnavailable, detail: "The search was stopped because the client closed its connection.")
                .response
        }
    }
}
