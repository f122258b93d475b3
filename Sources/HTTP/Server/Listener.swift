import Dispatch
import Glibc

/// The listening socket's accept source, which can be paused and stopped.
final class Listener: @unchecked Sendable {
    // @unchecked: `source` and `paused` are touched only on `queue`.

    let queue = DispatchQueue(label: "newsstore.accept")
    private var source: DispatchSourceRead?
    private var paused = false

    /// Watches `descriptor` and calls `acceptPending` on `queue` whenever connections wait.
    /// The descriptor is closed when the listener stops.
    func start(descriptor: Int32, acceptPending: @escaping @Sendable () -> Void) {
        queue.sync {
            let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            source.setEventHandler(handler: acceptPending)
            source.setCancelHandler { close(descriptor) }
            self.source = source
            source.activate()
        }
    }

    /// Stops accepting for `interval`. Runs on `queue`.
    func pause(for interval: DispatchTimeInterval) {
        guard let source, !paused else { return }
        paused = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + interval) { [self] in
            guard paused, let source = self.source else { return }
            paused = false
            source.resume()
        }
    }

    /// Stops accepting for good and closes the listening socket.
    func stop() {
        queue.sync {
            guard let source else { return }
            if paused { source.resume() }
            paused = false
            source.cancel()
            self.source = nil
        }
    }
}
