import Synchronization

/// Recent searches' rankings (`SearchRepository.ranking`), by terms and filters, with the marked
/// titles and snippets of the hits their pages have shown. The next page, or the same search by
/// another reader, is cut from the kept ranking instead of ranking the window again (for a word
/// in most articles, a thousand hits scored and sorted), and a hit shown before keeps its marks
/// without running the MATCH again (opening it costs more than half a millisecond when its
/// words are in most articles: each term is looked up in every segment of the index) nor
/// splitting its title and summary into words. What is left is reading the shown articles.
///
/// A ranking holds for the state of the data it was read from: the database's generation (any
/// write commits a new one) and, within it, until the next scheduled article becomes public. It
/// is also kept at most `lifetime`, since scores carry a recency factor of the time they were
/// made: ten seconds move it by less than one part in a hundred thousand (its half-life is 30
/// days), which can only swap hits whose scores were that close. A page cut from a kept
/// ranking is the page that search would have given within the last `lifetime`.
///
/// What is kept is bounded by `capacity` bytes (rankings are 8 bytes a hit, up to
/// `SearchRepository.rankingWindow` hits; marks about a kilobyte a shown hit); the oldest
/// searches make room for new ones.
final class SearchRankingCache: Sendable {
    /// What a ranking depends on besides the data and the time: the terms and the filters.
    struct Key: Hashable {
        let expression: String
        let plan: String
        let category: String?
        let tags: [String]
        let since: Timestamp?
        let until: Timestamp?

        init(_ request: SearchRequest) {
            expression = request.terms.matchExpression
            plan = request.terms.rankingPlan
            category = request.category
            tags = request.tags
            since = request.since
            until = request.until
        }
    }

    /// A kept search: its ranking, and the marks of the hits shown so far, by id.
    struct Kept {
        let ranking: [Int64]
        var marks: [Int64: SearchPage.Marks] = [:]
    }

    private struct Entry {
        var kept: Kept
        let generation: UInt64
        let made: Timestamp
        /// The end of `lifetime`, or the next scheduled publication when sooner.
        let expires: Timestamp
        var bytes: Int
    }

    private struct Storage {
        var entries: [Key: Entry] = [:]
        var bytes = 0

        mutating func remove(_ key: Key) {
            if let entry = entries.removeValue(forKey: key) { bytes -= entry.bytes }
        }
    }

    static let defaultLifetime: Duration = .seconds(10)
    /// Room for some 200 common searches with a few pages shown each.
    static let defaultCapacity = 4 << 20

    private let storage = Mutex(Storage())
    private let capacity: Int
    /// In milliseconds.
    private let lifetime: Int64

    /// `capacity` in bytes; 0 keeps nothing.
    init(capacity: Int = defaultCapacity, lifetime: Duration = defaultLifetime) {
        self.capacity = capacity
        self.lifetime = lifetime.components.seconds * 1000 + lifetime.components.attoseconds / 1_000_000_000_000_000
    }

    /// The search kept for `key`, if its ranking was made at `generation` and still holds at `now`.
    func kept(for key: Key, generation: UInt64, at now: Timestamp) -> Kept? {
        storage.withLock { storage in
            guard let entry = storage.entries[key] else { return nil }
            guard entry.generation == generation, entry.made <= now, now < entry.expires else {
                storage.remove(key)
                return nil
            }
            return entry.kept
        }
    }

    /// Keeps `ranking`, made at `now` from data at `generation` (read before the data was),
    /// until `nextPublication` at the latest.
    func store(_ ranking: [Int64], for key: Key, generation: UInt64, at now: Timestamp, nextPublication: Timestamp?) {
        let bytes = Self.overhead + ranking.count * MemoryLayout<Int64>.size
        guard bytes <= capacity / 4 else { return }
        var expires = Timestamp(milliseconds: now.milliseconds + lifetime)
        if let nextPublication, nextPublication < expires { expires = nextPublication }
        let entry = Entry(kept: Kept(ranking: ranking), generation: generation, made: now, expires: expires, bytes: bytes)
        storage.withLock { storage in
            storage.remove(key)
            storage.entries[key] = entry
            storage.bytes += bytes
            makeRoom(in: &storage, keeping: key)
        }
    }

    /// Adds the marks of shown hits to the search kept for `key`, if it is still the one made
    /// at `generation`.
    func store(marks: [Int64: SearchPage.Marks], for key: Key, generation: UInt64) {
        storage.withLock { storage in
            guard var entry = storage.entries[key], entry.generation == generation else { return }
            var added = 0
            for (id, hitMarks) in marks where entry.kept.marks[id] == nil {
                entry.kept.marks[id] = hitMarks
                added += hitMarks.bytes
            }
            guard added > 0 else { return }
            entry.bytes += added
            storage.entries[key] = entry
            storage.bytes += added
            makeRoom(in: &storage, keeping: key)
        }
    }

    /// Drops the oldest searches but `key` until what is kept fits.
    private func makeRoom(in storage: inout Storage, keeping key: Key) {
        while storage.bytes > capacity {
            guard let oldest = storage.entries.lazy.filter({ $0.key != key }).min(by: { $0.value.made < $1.value.made })?.key else {
                storage.remove(key)
                return
            }
            storage.remove(oldest)
        }
    }

    /// Roughly what an entry costs besides its ranking (its key, dictionary slot, array headers).
    private static let overhead = 256
}
