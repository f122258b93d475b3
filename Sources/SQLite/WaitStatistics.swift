/// How often, and for how long in total, callers had to wait for a pooled connection.
/// A growing total means the pool is too small for the load (readers) or writes are too long (writer).
public struct WaitStatistics: Sendable, Equatable {
    /// Borrowings that found every connection taken.
    public internal(set) var waitCount = 0
    /// Time those borrowings spent waiting, summed.
    public internal(set) var totalWaitTime: Duration = .zero

    mutating func record(_ wait: Duration) {
        waitCount += 1
        totalWaitTime += wait
    }
}
