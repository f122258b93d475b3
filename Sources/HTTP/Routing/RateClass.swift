/// A kind of request that draws on one per-client budget (reads, searches, writes…),
/// declared with each route. Routes of one class share the budget: a client's searches count
/// together whichever spelling of the path they used, since the class comes from the route
/// the decoded path matched, not from the raw path.
public final class RateClass: Sendable, CustomStringConvertible {
    public let name: String
    let limiter: RateLimiter<ClientKey>

    /// A route that is never limited has no class (`rate: nil` where it is registered).
    public init(_ name: String, limit: RateLimit) {
        self.name = name
        limiter = RateLimiter(limit)
    }

    public var description: String { name }

    /// Takes one request from `client`'s budget, or says how long until it has one.
    func admit(_ client: Client) -> Admission {
        guard client.isLimited else { return .admitted }
        return limiter.admit(client.key)
    }
}
