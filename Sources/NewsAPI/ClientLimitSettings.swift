import HTTP

/// How fast one client may search and write. A client is an address (behind a trusted proxy,
/// the one `X-Forwarded-For` names); views have limits of their own (`ViewSettings`), and the
/// transport caps each client's requests under way (`ServerConfiguration.requestsPerClient`).
public struct ClientLimitSettings: Sendable {
    /// Searches one client may send: a search is the costliest read (milliseconds of CPU for
    /// a common word), and a frontend searching as the reader types sends a few a second.
    public var searches = RateLimit(120, per: .seconds(60), burst: 30)
    /// Writes (POST, PUT, PATCH, DELETE, except views) one client may send: generous for an
    /// import script, a wall against a leaked token or a runaway loop.
    public var writes = RateLimit(600, per: .seconds(60), burst: 100)

    public init() {}
}
