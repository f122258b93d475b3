/// A kind of request that draws on one per-client budget (reads, searches, writes…),
/// declared with each route. Routes of one class share the budget: a client's searches count
/// together whichever spelling of the path they used, since the class comes from the route
/// the decoded path matched, not from the raw path.
public final class RateClass: Sendable, CustomStringConvertible {
    public let name: String
    /// nil: requests of this class are counted nowhere and never refused.
    let limiter: RateLimiter<ClientKey>?

    public init(_ name: String, limit: RateLimit?) {
        self.name = name
        limiter = limit.map { RateLimiter($0) }
    }

    /// Whether a request of this class may be refused with `429`.
    public var canRefuse: Bool { limiter != nil }

    public var description: String { name }

    /// Takes one request from `client`'s budget, or says how long until it has one.
    func admit(_ client: Client) -> Admission {
        guard let limiter, client.isLimited else { return .admitted }
        return limiter.admit(client.key)
    }
}
