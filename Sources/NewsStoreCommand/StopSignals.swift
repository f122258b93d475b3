import Dispatch
import Glibc

/// SIGTERM and SIGINT for `serve`, taken with `sigwait` rather than by a signal handler.
///
/// They are blocked before the first thread starts, so every thread inherits the block and a
/// signal that arrives while the server is still starting stays pending until the waiter takes
/// it: the server then starts and stops gracefully at once. A handler installed later cannot
/// promise that: between ignoring a signal and the handler taking effect, a signal is lost, and
/// a supervisor (or a test) that stopped a starting server waited forever for it to exit.
struct StopSignals: @unchecked Sendable {
    // @unchecked: `signals` is a plain C bit set, written once in `block()` and only copied after.
    private var signals = sigset_t()

    /// Blocks the signals in the calling thread and in every thread it creates afterwards;
    /// call it before any thread exists.
    static func block() -> StopSignals {
        var stop = StopSignals()
        sigemptyset(&stop.signals)
        sigaddset(&stop.signals, SIGTERM)
        sigaddset(&stop.signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stop.signals, nil)
        return stop
    }

    /// Calls `stop` once, on a thread of its own, when one of the signals arrives (at once if
    /// one is already pending). The call may block: it is the graceful shutdown.
    func onSignal(_ stop: @escaping @Sendable () -> Void) {
        DispatchQueue(label: "newsstore.signals").async { [signals] in
            var waited = signals
            var number: Int32 = 0
            sigwait(&waited, &number)
            stop()
        }
    }
}
