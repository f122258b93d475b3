/// What a route declares where it is registered, and the router enforces after matching the
/// decoded path, before the handler runs: who may call it, which per-client budget it draws
/// on, which query parameters it takes, and where it runs. Handlers never re-check these.
public struct RoutePolicy: Sendable {
    public let permission: Permission
    /// nil: never rate-limited (health checks, documentation, the reader's files).
    public let rateClass: RateClass?
    public let query: AcceptedQuery
    public let lane: Lane

    public init(_ permission: Permission, rate: RateClass?, query: AcceptedQuery = [], lane: Lane = .shared) {
        self.permission = permission
        rateClass = rate
        self.query = query
        self.lane = lane
    }

    /// What the router's own answers (404, 405, OPTIONS) and its fallback run under.
    static let open = RoutePolicy(.public, rate: nil, query: .any)
}
