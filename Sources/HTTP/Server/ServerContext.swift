/// What every connection shares: settings, the application, and the server's helpers.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: Responder
    let workers: WorkerPool
    let logger: Logger
    let dateCache = DateCache()
    let requestIDs = RequestIDGenerator()
    let metrics: ServerMetrics
    /// Each client's requests queued or running, when they are limited.
    let clientRequests: ConcurrencyLimiter<String>?

    init(configuration: ServerConfiguration, responder: Responder, workers: WorkerPool, logger: Logger, metrics: ServerMetrics) {
        self.metrics = metrics
        clientRequests = configuration.requestsPerClient.map { ConcurrencyLimiter(limit: $0) }
        self.configuration = configuration
        self.responder = responder
        self.workers = workers
        self.logger = logger
    }
}
