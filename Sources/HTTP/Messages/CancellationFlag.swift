import Synchronization

/// Set by the transport when the client of a request under way has gone (its connection closed
/// or failed), so a handler doing long work (a search) can stop instead of computing an answer
/// nobody will read. Reading it is one relaxed atomic load, cheap enough for SQLite's progress
/// handler.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    public func cancel() { cancelled.store(true, ordering: .relaxed) }
}
