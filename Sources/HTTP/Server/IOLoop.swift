import Dispatch

/// A serial queue that owns a share of the connections: their read and write events, their
/// state, and a periodic sweep that enforces their deadlines. A few loops (one per processor)
/// serve any number of connections; no connection has a thread of its own.
final class IOLoop: @unchecked Sendable {
    // @unchecked: `connections`, `readBuffer` and `draining` are touched only on `queue`.

    let queue: DispatchQueue
    private var connections: [ObjectIdentifier: Connection] = [:]
    private let sweepTimer: DispatchSourceTimer
    private let context: ServerContext
    private var draining = false
    /// One scratch buffer for all reads on this loop; bytes are copied out to the connection.
    var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(index: Int, sweepInterval: Duration, context: ServerContext) {
        queue = DispatchQueue(label: "newsstore.io.\(index)")
        self.context = context
        sweepTimer = DispatchSource.makeTimerSource(queue: queue)
        let interval = DispatchTimeInterval.nanoseconds(Int(sweepInterval.nanoseconds))
        sweepTimer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(10))
        sweepTimer.setEventHandler { [unowned self] in self.sweep() }
        sweepTimer.activate()
    }

    /// Adopts a newly accepted connection. Runs on `queue`.
    func add(_ connection: Connection) {
        connections[ObjectIdentifier(connection)] = connection
        connection.start()
        if draining { connection.drain() }
    }

    func remove(_ connection: Connection) {
        if connections.removeValue(forKey: ObjectIdentifier(connection)) != nil {
            context.metrics.openConnections.wrappingSubtract(1, ordering: .relaxed)
        }
    }

    private func sweep() {
        let now = DispatchTime.now().uptimeNanoseconds
        for connection in connections.values where connection.deadline != 0 && connection.deadline <= now {
            connection.deadlinePassed()
        }
    }

    /// Starts a graceful shutdown of this loop's connections. Runs on `queue`.
    func drain() {
        draining = true
        for connection in Array(connections.values) { connection.drain() }
    }

    /// Closes every connection at once, when the grace period is over. Runs on `queue`.
    func closeAll() {
        for connection in Array(connections.values) { connection.terminate() }
    }
}
