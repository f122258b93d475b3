/// What every connection shares: settings, the application, and the server's helpers.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: Responder
    let workers: WorkerPool
    /// A thread for `Lane.reserved` routes (health checks), never behind the shared queue.
    let reservedWorkers = WorkerPool(threads: 1)
    let logger: Logger
    let dateCache = DateCache()
    let requestIDs = RequestIDGenerator()
    let metrics: ServerMetrics
    let clients: ClientIdentification
    /// Each client's requests queued or running, when they are limited.
    let clientRequests: ConcurrencyLimiter<ClientKey>?
    /// Each client address's open connections, when they are limited.
    let clientConnections: ConcurrencyLimiter<ClientKey>?
    let bodyBudget: BodyBudget

    init(configuration: ServerConfiguration, responder: Responder, workers: WorkerPool, logger: Logger, metrics: ServerMetrics) {
        self.metrics = metrics
        clientRequests = configuration.requestsPerClient.map { ConcurrencyLimiter(limit: $0) }
        clientConnections = configuration.connectionsPerClient.map { ConcurrencyLimiter(limit: $0) }
        clients = configuration.clientIdentification
        bodyBudget = BodyBudget(capacity: configuration.maxBufferedBodyBytes)
        self.configuration = configuration
        self.responder = responder
        self.workers = workers
        self.logger = logger
    }

    /// Gives back what an exchange held: its client's slot among requests under way (nil when
    /// it held none) and its share of the body budget. From any thread.
    func release(clientSlot key: ClientKey?, bodyBytes: Int) {
        if let key { clientRequests?.finish(key) }
        if bodyBytes > 0 { bodyBudget.release(bodyBytes) }
    }
}
