import HTTP

/// A cache the delivery loop purges, as the settings name it: a Varnish address (`PURGE` with
/// the keys in `xkey-purge`), or a CDN's purge endpoint in its own request shape, with the
/// API token from the environment.
public struct PurgeTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `PURGE <path>` with `xkey-purge: <keys>` (deploy/varnish/newsstore.vcl).
        case varnish
        /// Fastly's purge by surrogate key: `POST /service/{id}/purge`, `Surrogate-Key: <keys>`,
        /// `Fastly-Key: <token>`.
        case fastly
        /// Cloudflare's purge by cache tag: `POST /client/v4/zones/{zone}/purge_cache`,
        /// `{"tags": [...]}`, `Authorization: Bearer <token>`.
        case cloudflare
    }

    public let kind: Kind
    public let url: OutboundURL
    /// The CDN's API token; none for Varnish, which trusts the addresses its VCL lists.
    public let token: String?

    public init(kind: Kind, url: OutboundURL, token: String? = nil) {
        self.kind = kind
        self.url = url
        self.token = token
    }

    /// What the target is called (its id is derived from it) and in the log: the kind and the URL,
    /// never the token.
    public var name: String { "\(kind.rawValue) \(url)" }

    /// Keys one request carries at most: Cloudflare takes 30 tags a call, Fastly 256 keys;
    /// for Varnish, 100 keeps the `xkey-purge` field well inside its 8 KiB header limit.
    var keysPerRequest: Int {
        switch kind {
        case .varnish: 100
        case .fastly: 256
        case .cloudflare: 30
        }
    }
}
