/// Where routing sent a request, found from its head alone (so the transport can learn the
/// route's policy before reading a body or picking a worker), and, once the policy admitted it,
/// who the caller is.
public struct RouteMatch: Sendable {
    enum Target: Sendable {
        case handler(Handler, parameters: PathParameters, quick: QuickAnswer?)
        /// An answer routing already knows (404, 405, OPTIONS, a bad path).
        case answer(Response)
        case fallback(Handler)
    }

    let target: Target
    public let policy: RoutePolicy
    /// The pattern of the matched route, for metrics; nil when no route matched.
    public let pattern: String?
    public let client: Client
    public let requestID: String
    /// Set once the policy admitted the request; a request admitted is not checked again.
    public internal(set) var caller: Caller?
    var query = QueryParameters()
}
