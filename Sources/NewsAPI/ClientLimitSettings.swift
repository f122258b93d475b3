import HTTP

/// How fast one client may read, search and write, and fail to authenticate. A client is an
/// address, or an IPv6 client's block (behind a trusted proxy, the one `X-Forwarded-For`
/// names); views have limits of their own (`ViewSettings`), and the transport caps each
/// client's requests under way and open connections (`ServerConfiguration`).
public struct ClientLimitSettings: Sendable {
    /// Public reads (listings, details, terms, the most read) one client may send: a reader
    /// paging through a site sends a few a second at most; a scraper far more.
    public var reads = RateLimit(1200, per: .seconds(60), burst: 300)
    /// Searches one client may send: a search is the costliest read (milliseconds of CPU for
    /// a common word), and a frontend searching as the reader types sends a few a second.
    public var searches = RateLimit(120, per: .seconds(60), burst: 30)
    /// Writes (POST, PUT, PATCH, DELETE, except views) one client may send: generous for an
    /// import script, a wall against a leaked token or a runaway loop.
    public var writes = RateLimit(600, per: .seconds(60), burst: 100)
    /// `401` answers one client may get: enough for a misconfigured client to notice, far too
    /// few to guess tokens (one connection tried some 3,500 a second without it).
    public var authenticationFailures = RateLimit(30, per: .seconds(60), burst: 10)

    public init() {}
}
