import Testing

@testable import NewsStore

/// The kept selections: only for the state of the data they were made from, never an older one.
@Suite struct RelatedSelectionCacheTests {
    static let now = ManualClock.start
    static let later = now.adding(hours: 1)

    static func selection(_ suggested: [Int64], linked: [Int64] = [], expires: Timestamp? = nil) -> RelatedSelection {
        RelatedSelection(linked: linked, suggested: suggested, expires: expires)
    }

    @Test func keepsEachArticlesIDsForItsGenerationUntilTheNextPublication() {
        let cache = RelatedSelectionCache()
        cache.store(Self.selection([3, 4], linked: [7, 8], expires: Self.later), of: 1, generation: 5)
        cache.store(Self.selection([9], linked: [2], expires: Self.later), of: 2, generation: 5)
        let first = cache.selection(of: 1, generation: 5, at: Self.now)
        #expect(first?.linked == [7, 8])
        #expect(first?.suggested == [3, 4])
        #expect(first?.expires == Self.later)
        #expect(cache.selection(of: 2, generation: 5, at: Self.now)?.linked == [2])
        #expect(cache.selection(of: 3, generation: 5, at: Self.now) == nil)
        #expect(cache.selection(of: 1, generation: 6, at: Self.now) == nil)
        #expect(cache.selection(of: 1, generation: 5, at: Self.later) == nil)
    }

    /// A reader that read older data stores last: its selection must not replace newer ones.
    @Test func aSelectionFromOlderDataIsDroppedAndNewerDataStartsOver() {
        let cache = RelatedSelectionCache()
        cache.store(Self.selection([3], expires: Self.later), of: 1, generation: 5)
        cache.store(Self.selection([4]), of: 2, generation: 4)
        cache.store(Self.selection([5], expires: Self.now), of: 2, generation: 5)
        #expect(cache.selection(of: 2, generation: 5, at: Self.now) == nil)
        #expect(cache.selection(of: 1, generation: 5, at: Self.now)?.suggested == [3])
        // After the scheduled publication, a selection made then (nothing more scheduled) replaces the rest.
        cache.store(Self.selection([6]), of: 2, generation: 5)
        #expect(cache.selection(of: 2, generation: 5, at: Self.later)?.suggested == [6])
        #expect(cache.selection(of: 1, generation: 5, at: Self.later) == nil)
        cache.store(Self.selection([7]), of: 1, generation: 6)
        #expect(cache.selection(of: 2, generation: 6, at: Self.later) == nil)
        #expect(cache.selection(of: 1, generation: 6, at: Self.later)?.suggested == [7])
    }

    @Test func startsOverWhenFull() {
        let cache = RelatedSelectionCache(capacity: 2, shards: 1)
        for id in Int64(1)...3 { cache.store(Self.selection([id * 10]), of: id, generation: 1) }
        #expect(cache.selection(of: 1, generation: 1, at: Self.now) == nil)
        #expect(cache.selection(of: 3, generation: 1, at: Self.now)?.suggested == [30])
    }
}
