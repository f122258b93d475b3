import HTTP

/// What the delivery loop purges and how: the settings `purge_varnish`, `purge_fastly`,
/// `purge_cloudflare` (with their API tokens from the environment only, never a flag or a
/// file), `purge_timeout` and `purge_retry_schedule`.
public struct PurgeSettings: Sendable {
    /// Varnish addresses to send `PURGE` to, e.g. `http://127.0.0.1:6081/`.
    public var varnish: [OutboundURL] = []
    /// Fastly's purge endpoint, `https://api.fastly.com/service/{service_id}/purge`.
    public var fastly: OutboundURL?
    /// Cloudflare's purge endpoint, `https://api.cloudflare.com/client/v4/zones/{zone_id}/purge_cache`.
    public var cloudflare: OutboundURL?
    /// One request's whole time: connecting, sending, and the cache's answer.
    public var timeout: Duration = .seconds(5)
    /// Quick at first (a cache restarting is back in seconds), then spread out over two days:
    /// past `s-maxage` (a day by default) the cache has let the stale copy go by itself.
    public var retrySchedule = PurgeSettings.standardRetrySchedule

    public static let standardRetrySchedule = RetrySchedule(
        delays: [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400].map { .seconds($0) })

    /// The environment variables the CDN tokens are read from.
    public static let fastlyTokenVariable = "NEWSSTORE_FASTLY_API_TOKEN"
    public static let cloudflareTokenVariable = "NEWSSTORE_CLOUDFLARE_API_TOKEN"

    public init() {}

    /// The configured targets, each CDN with its token from `environment`.
    public func targets(environment: [String: String]) throws(MissingToken) -> [PurgeTarget] {
        var targets = varnish.map { PurgeTarget(kind: .varnish, url: $0) }
        for (kind, url, variable) in [
            (PurgeTarget.Kind.fastly, fastly, Self.fastlyTokenVariable), (.cloudflare, cloudflare, Self.cloudflareTokenVariable),
        ] {
            guard let url else { continue }
            guard let token = environment[variable], !token.isEmpty else { throw MissingToken(kind: kind, variable: variable) }
            targets.append(PurgeTarget(kind: kind, url: url, token: token))
        }
        return targets
    }

    public struct MissingToken: Error, CustomStringConvertible {
        public let kind: PurgeTarget.Kind
        public let variable: String
        public var description: String { "purge_\(kind.rawValue) is set but \(variable) is not: its API token comes from the environment" }
    }
}
