/// What every connection shares: settings, the application, and the server's helpers.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: Responder
    let workers: WorkerPool
    let logger: Logger
    let dateCache = DateCache()
    let requestIDs = RequestIDGenerator()
    let metrics: ServerMetrics

    init(configuration: ServerConfiguration, responder: Responder, workers: WorkerPool, logger: Logger, metrics: ServerMetrics) {
        self.metrics = metrics
        self.configuration = configuration
        self.responder = responder
        self.workers = workers
        self.logger = logger
    }
}
