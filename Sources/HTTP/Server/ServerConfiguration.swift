/// Everything the transport needs to know to listen and serve.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port, which `HTTPServer.port` reports after `start()`.
    public var port = 8080
    public var limits = ParserLimits()
    public var timeouts = Timeouts()
    /// Connections beyond this are answered 503 and closed, so existing ones keep their service.
    public var maxConnections = 1024
    /// Threads that run handlers. Handlers block on SQLite, so this bounds concurrent queries.
    public var workerCount = ServerConfiguration.defaultWorkerCount
    /// How long a graceful shutdown waits for in-flight requests before closing everything.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Requests one client may have queued or running at once; more are answered 429 at once,
    /// without a worker, so one client's flood cannot fill the workers' queue ahead of everyone
    /// else. nil for no limit. See `ClientIdentification.client(of:from:)` for who is limited.
    public var requestsPerClient: Int? = 16
    /// Connections one client address (an IPv6 client's block, see `ipv6ClientPrefix`) may
    /// hold open at once; more are answered 429 and closed at accept. Trusted proxies and this
    /// machine are exempt: each of their connections carries many clients. nil for no limit.
    public var connectionsPerClient: Int? = 64
    /// Proxies whose `X-Forwarded-For` names the client.
    public var trustedProxies = TrustedProxies.loopback
    /// Leading bits of an IPv6 address that are one client, for every per-client limit.
    public var ipv6ClientPrefix = 64
    /// Request bodies still arriving may hold at most this many bytes of memory at once, all
    /// connections together (each reserves its declared length, or `limits.maxBodySize` when
    /// chunked, once its policy admits it); a body that does not fit is answered 503 with
    /// `Retry-After` and its connection closed, rather than memory growing with the uploads.
    public var maxBufferedBodyBytes = 32 * 1024 * 1024
    /// Pending connections the kernel queues before `accept`.
    public var backlog: Int32 = 1024

    public init() {}

    /// Who a request's client is, from these settings.
    var clientIdentification: ClientIdentification {
        ClientIdentification(proxies: trustedProxies, ipv6Prefix: ipv6ClientPrefix)
    }

    public static var defaultWorkerCount: Int { max(4, 2 * SystemInfo.processorCount) }
}
