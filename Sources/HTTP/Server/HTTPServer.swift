import Dispatch
import Glibc
import Synchronization

/// An HTTP/1.1 server on non-blocking sockets, driven by epoll.
///
/// One accept queue takes new connections and spreads them over a few I/O loops (threads on
/// epoll); handlers run on a fixed worker pool. `shutdown()` stops accepting, lets requests under way finish, closes
/// idle connections, and closes the rest when the grace period is over.
public final class HTTPServer: Sendable {
    private let configuration: ServerConfiguration
    private let context: ServerContext
    private let loops: [IOLoop]
    private let listener = Listener()
    private let boundPort = Atomic<Int>(0)
    private let nextLoop = Atomic<Int>(0)
    private let shuttingDown = Atomic<Bool>(false)
    private let stoppedSignal = DispatchSemaphore(value: 0)

    public init(configuration: ServerConfiguration, responder: Responder, logger: Logger, metrics: ServerMetrics = ServerMetrics()) {
        self.configuration = configuration
        let workers = WorkerPool(threads: configuration.workerCount)
        context = ServerContext(configuration: configuration, responder: responder, workers: workers, logger: logger, metrics: metrics)
        // Check deadlines four times per shortest timeout, but not more than every 10 ms.
        let sweepInterval = max(configuration.timeouts.shortest / 4, .milliseconds(10))
        // One I/O loop per processor: a loop answers readers' kept pages itself (`QuickAnswer`),
        // so it does real work. On two cores shared with wrk, two loops answered 54,300 kept
        // listings/s against 40,100 for one, and article reads (mostly on the workers) within
        // the noise: 17,800 against 16,300 (medians of alternating runs, 64 connections).
        let loopCount = SystemInfo.processorCount
        loops = (0..<loopCount).map { [context] _ in IOLoop(sweepInterval: sweepInterval, context: context) }
    }

    /// The port the server listens on, known after `start()`.
    public var port: Int { boundPort.load(ordering: .acquiring) }

    /// Binds the listening socket and begins accepting connections.
    public func start() throws {
        signal(SIGPIPE, SIG_IGN)
        Socket.raiseDescriptorLimit()
        let (descriptor, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        boundPort.store(port, ordering: .releasing)
        listener.start(descriptor: descriptor) { [unowned self] in self.acceptPending(descriptor) }
        context.logger.info("listening", ["host": configuration.host, "port": String(port), "workers": String(configuration.workerCount)])
    }

    private func acceptPending(_ listenDescriptor: Int32) {
        while true {
            let accepted: (descriptor: Int32, peer: String)?
            do {
                accepted = try Socket.accept(listenDescriptor)
            } catch let error as SocketError where error.code == EMFILE || error.code == ENFILE {
                // Out of descriptors: the pending connection stays queued, and a level-triggered
                // source would spin on it. Pause accepting briefly instead.
                context.logger.warning("accept paused: out of file descriptors")
                listener.pause(for: .milliseconds(100))
                return
            } catch {
                context.logger.error("accept failed", ["error": "\(error)"])
                return
            }
            guard let accepted else { return }
            if context.metrics.openConnections.load(ordering: .relaxed) >= configuration.maxConnections {
                refuse(accepted.descriptor, with: Self.refusal)
                context.logger.warning("connection refused: limit reached", ["max_connections": String(configuration.maxConnections)])
                continue
            }
            let peer = context.clients.peer(accepted.peer)
            let clientKey = peer.connectionKey
            if let clientKey, let limiter = context.clientConnections, !limiter.start(clientKey) {
                refuse(accepted.descriptor, with: Self.clientRefusal)
                context.logger.info("connection refused: client limit reached", ["peer": accepted.peer])
                continue
            }
            context.metrics.openConnections.wrappingAdd(1, ordering: .relaxed)
            let loop = loops[nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
            let connection = Connection(
                descriptor: accepted.descriptor, peer: peer, clientKey: clientKey, loop: loop, context: context)
            loop.execute { loop.add(connection) }
        }
    }

    private static let refusal = cannedAnswer(
        ProblemDetails(status: .serviceUnavailable, detail: "The server is at its connection limit; retry shortly."))
    private static let clientRefusal = cannedAnswer(
        ProblemDetails(status: .tooManyRequests, detail: "Too many connections from this client; close some and retry."))

    private static func cannedAnswer(_ problem: ProblemDetails) -> [UInt8] {
        let body = problem.json
        return Array(
            ("HTTP/1.1 \(problem.status.code) \(problem.status.reason)\r\nContent-Type: application/problem+json; charset=utf-8\r\n"
                + "Retry-After: 1\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8)
    }

    /// Over a connection limit: answer at once and close, without giving the client a
    /// connection's worth of resources. What it already sent is read first so that closing does
    /// not turn into a reset that would swallow the answer.
    private func refuse(_ descriptor: Int32, with answer: [UInt8]) {
        _ = answer.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
        var discard = [UInt8](repeating: 0, count: 4096)
        while recv(descriptor, &discard, discard.count, 0) > 0 {}
        close(descriptor)
    }

    /// Shuts down gracefully and returns when done; `waitUntilStopped()` wakes then too. Call it
    /// from any thread but an I/O loop's (a signal handler's queue, a test).
    public func shutdown() {
        guard !shuttingDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        context.logger.info("shutting down", ["open_connections": String(context.metrics.openConnections.load(ordering: .relaxed))])
        listener.stop()
        for loop in loops { loop.executeAndWait { loop.drain() } }
        let grace = DispatchTime.now() + .nanoseconds(Int(configuration.shutdownGracePeriod.nanoseconds))
        // Poll for the last connection to go; the grace period is seconds, a 10 ms step is noise.
        while context.metrics.openConnections.load(ordering: .relaxed) > 0 && DispatchTime.now() < grace {
            usleep(10_000)
        }
        let remaining = context.metrics.openConnections.load(ordering: .relaxed)
        if remaining > 0 {
            context.logger.warning("grace period over, closing connections", ["open_connections": String(remaining)])
            for loop in loops { loop.executeAndWait { loop.closeAll() } }
        }
        context.workers.stop()
        context.reservedWorkers.stop()
        for loop in loops { loop.stop() }
        context.logger.info("stopped")
        context.logger.flush()
        stoppedSignal.signal()
    }

    /// Blocks the calling thread until a shutdown has completed.
    public func waitUntilStopped() {
        stoppedSignal.wait()
        stoppedSignal.signal()
    }
}
