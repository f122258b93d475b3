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
    /// else. nil for no limit. See `TrustedProxies.limitedClient(of:)` for who is a client.
    public var requestsPerClient: Int? = 16
    /// Proxies whose `X-Forwarded-For` names the client.
    public var trustedProxies = TrustedProxies.loopback
    /// Pending connections the kernel queues before `accept`.
    public var backlog: Int32 = 1024

    public init() {}

    public static var defaultWorkerCount: Int { max(4, 2 * SystemInfo.processorCount) }
}
