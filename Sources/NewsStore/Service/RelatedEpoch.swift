/// A state of the data that related choices are made from: the database's generation (any
/// write commits a new one) and the next scheduled publication (until then, what is public
/// stays as it was). What `RelatedSelectionCache` and `RelatedCandidateCache` keep holds for
/// one epoch, so nothing kept is ever staler than the data.
struct RelatedEpoch: Equatable, Sendable {
    let generation: UInt64
    /// When the next scheduled article becomes public; nil when none is scheduled.
    let expires: Timestamp?

    /// Whether what was kept in this epoch holds for a read at `generation` and `now`.
    func holds(generation: UInt64, at now: Timestamp) -> Bool {
        self.generation == generation && expires.map { now < $0 } ?? true
    }

    /// Whether `self` is older than `other`. Within a generation, what is scheduled only
    /// becomes public as time passes, so a later choice has a later (or no) expiry.
    func precedes(_ other: RelatedEpoch) -> Bool {
        guard generation == other.generation else { return generation < other.generation }
        guard let expires else { return false }
        return other.expires.map { expires < $0 } ?? true
    }
}
