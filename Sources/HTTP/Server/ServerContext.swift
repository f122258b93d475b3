import Synchronization

/// What every connection shares: settings, the application, and the server's helpers.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: Responder
    let workers: WorkerPool
    let logger: Logger
    let dateCache = DateCache()
    let requestIDs = RequestIDGenerator()
    /// Connections accepted and not yet closed, checked against the limit and by shutdown.
    let openConnections = Atomic<Int>(0)

    init(configuration: ServerConfiguration, responder: Responder, workers: WorkerPool, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.workers = workers
        self.logger = logger
    }
}
