import Synchronization

/// The bytes of request bodies the server holds while they arrive, all connections together:
/// a flood of uploads (each within `maxBodySize`) cannot add up to more memory than this.
final class BodyBudget: Sendable {
    let capacity: Int
    private let reserved = Atomic<Int>(0)

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Reserves `bytes` (at most the whole budget, so a body alone larger than the budget can
    /// still be read when nothing else is), returning what it reserved; nil when they do not fit.
    func reserve(_ bytes: Int) -> Int? {
        let wanted = min(bytes, capacity)
        var current = reserved.load(ordering: .relaxed)
        while current + wanted <= capacity {
            let (exchanged, original) = reserved.compareExchange(
                expected: current, desired: current + wanted, ordering: .relaxed)
            if exchanged { return wanted }
            current = original
        }
        return nil
    }

    func release(_ bytes: Int) {
        reserved.wrappingSubtract(bytes, ordering: .relaxed)
    }

}
