import Testing

@testable import NewsStore

/// The kept candidate lists: only for the epoch they were read in, never an older one, bounded.
@Suite struct RelatedCandidateCacheTests {
    typealias Candidate = RelatedCandidates.Candidate

    static let now = ManualClock.start
    static let later = now.adding(hours: 1)

    static func list(_ ids: [Int64]) -> [Candidate] { ids.map { Candidate(id: $0, sortAt: $0 * 1000) } }

    @Test func keepsListsForTheirEpochUntilTheNextPublication() {
        let cache = RelatedCandidateCache()
        let epoch = RelatedEpoch(generation: 5, expires: Self.later)
        #expect(cache.epoch(generation: 5, at: Self.now) == nil)
        cache.begin(epoch)
        #expect(cache.epoch(generation: 5, at: Self.now) == epoch)
        #expect(cache.epoch(generation: 6, at: Self.now) == nil)
        #expect(cache.epoch(generation: 5, at: Self.later) == nil)
        cache.keep(Self.list([9, 7]), for: .tag(1), in: epoch)
        cache.keep(Self.list([8]), for: .category(1), in: epoch)
        #expect(cache.list(.tag(1), in: epoch) == Self.list([9, 7]))
        #expect(cache.list(.category(1), in: epoch) == Self.list([8]))
        #expect(cache.list(.tag(2), in: epoch) == nil)
        #expect(cache.list(.tag(1), in: RelatedEpoch(generation: 5, expires: nil)) == nil)
    }

    /// A reader that read older data finishes last: it neither replaces the newer epoch nor
    /// adds its lists to it.
    @Test func anOlderEpochChangesNothingAndANewerOneStartsOver() {
        let cache = RelatedCandidateCache()
        let older = RelatedEpoch(generation: 4, expires: nil)
        let current = RelatedEpoch(generation: 5, expires: Self.later)
        let afterPublication = RelatedEpoch(generation: 5, expires: nil)
        cache.begin(current)
        cache.keep(Self.list([3]), for: .tag(1), in: current)
        cache.begin(older)
        cache.keep(Self.list([2]), for: .tag(2), in: older)
        #expect(cache.epoch(generation: 5, at: Self.now) == current)
        #expect(cache.list(.tag(1), in: current) == Self.list([3]))
        #expect(cache.list(.tag(2), in: current) == nil)
        cache.begin(afterPublication)
        #expect(cache.list(.tag(1), in: current) == nil)
        #expect(cache.list(.tag(1), in: afterPublication) == nil)
        #expect(cache.epoch(generation: 5, at: Self.later) == afterPublication)
    }

    @Test func startsOverPastItsCapacity() {
        let cache = RelatedCandidateCache(capacity: 3)
        let epoch = RelatedEpoch(generation: 1, expires: nil)
        cache.begin(epoch)
        cache.keep(Self.list([1, 2]), for: .tag(1), in: epoch)
        cache.keep(Self.list([3]), for: .tag(2), in: epoch)
        cache.keep(Self.list([4]), for: .tag(3), in: epoch)
        #expect(cache.list(.tag(1), in: epoch) == nil)
        #expect(cache.list(.tag(3), in: epoch) == Self.list([4]))
        #expect(cache.epoch(generation: 1, at: Self.now) == epoch)
    }
}
