import Synchronization

/// Recent searches' rankings (`SearchRepository.ranking`), by terms and filters, so that the
/// next page, or the same search by another reader, cuts its page from a kept ranking instead
/// of ranking the window again: for a word in most articles, a thousand hits scored and sorted,
/// most of what such a search costs once its page is marked cheaply.
///
/// A ranking holds for the state of the data it was read from: the database's generation (any
/// write commits a new one) and, within it, until the next scheduled article becomes public. It
/// is also kept at most `lifetime`, since scores carry a recency factor of the time they were
/// made: ten seconds move it by less than one part in a hundred thousand (its half-life is 30
/// days), which can only swap hits whose scores were that close. A page cut from a kept
/// ranking is the page that search would have given within the last `lifetime`.
///
/// At most `capacity` rankings of up to `SearchRepository.rankingWindow` ids (8 KB) are kept;
/// a new one replaces the oldest.
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

    private struct Entry {
        let ranking: [Int64]
        let generation: UInt64
        let made: Timestamp
        /// The end of `lifetime`, or the next scheduled publication when sooner.
        let expires: Timestamp
    }

    static let defaultLifetime: Duration = .seconds(10)

    private let entries = Mutex([Key: Entry]())
    private let capacity: Int
    /// In milliseconds.
    private let lifetime: Int64

    /// `capacity` 0 keeps nothing.
    init(capacity: Int = 256, lifetime: Duration = defaultLifetime) {
        self.capacity = capacity
        self.lifetime = lifetime.components.seconds * 1000 + lifetime.components.attoseconds / 1_000_000_000_000_000
    }

    /// The ranking kept for `key`, if it was made at `generation` and still holds at `now`.
    func ranking(for key: Key, generation: UInt64, at now: Timestamp) -> [Int64]? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.generation == generation, entry.made <= now, now < entry.expires else {
                entries[key] = nil
                return nil
            }
            return entry.ranking
        }
    }

    /// Keeps `ranking`, made at `now` from data at `generation` (read before the data was),
    /// until `nextPublication` at the latest.
    func store(_ ranking: [Int64], for key: Key, generation: UInt64, at now: Timestamp, nextPublication: Timestamp?) {
        guard capacity > 0 else { return }
        var expires = Timestamp(milliseconds: now.milliseconds + lifetime)
        if let nextPublication, nextPublication < expires { expires = nextPublication }
        let entry = Entry(ranking: ranking, generation: generation, made: now, expires: expires)
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= capacity, let oldest = entries.min(by: { $0.value.made < $1.value.made })?.key {
                entries[oldest] = nil
            }
            entries[key] = entry
        }
    }
}
