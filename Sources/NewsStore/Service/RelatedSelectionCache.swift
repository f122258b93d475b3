/// Each article's `RelatedSelection`, kept between reads so a detail read does not choose
/// again: one lookup here instead of a dozen index walks (~70 µs on 20,000 articles).
///
/// Selections are kept for one `RelatedEpoch`, the state of the data they were made from. A
/// selection made from a newer state replaces all kept ones; one made from an older state is
/// dropped. So a kept selection is never staler than the data.
///
/// The ids of all selections sit back to back in one array, not in arrays of their own: the
/// allocator's per-thread arenas scattered those small long-lived arrays and kept their pages,
/// some 6 MiB more resident memory for 20,000 articles than the ids themselves. Kept so, an
/// article costs 100 to 160 bytes with five suggestions and a few links (arrays grow by
/// doubling); a shard at its share of `capacity` articles starts over, which costs one
/// selection per article read afterwards.
///
/// The capacity holds every article of a 200,000-article archive (at most about 40 MiB,
/// reached only by an archive that large with every article read; 3 MiB for 20,000): a
/// choice missed costs more there than anywhere (its index walks read pages no cache holds),
/// and with room for 32,768 articles readers spread over such an archive missed nearly
/// always (a detail on the growth benchmark's 200,000 articles: 133 µs of CPU against 116 µs
/// with room for all, alternating runs of `wrk`).
final class RelatedSelectionCache: Sendable {
    /// Where one selection's ids are in `Storage.ids`: its links, then its suggestions.
    private struct Entry {
        let start: Int
        let linked: UInt16
        let suggested: UInt16
    }

    private struct Storage {
        var epoch: RelatedEpoch?
        var entries: [Int64: Entry] = [:]
        var ids: [Int64] = []

        /// Empties it for `epoch`, keeping the memory: after every write the cache fills again,
        /// and would otherwise grow anew, reallocating, each time.
        mutating func startOver(_ epoch: RelatedEpoch) {
            self.epoch = epoch
            entries.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
        }
    }

    /// Every worker's detail read takes it, so it is spread over locks by article id; each
    /// shard has its own storage and its share of `capacity`.
    private let shards: ShardedState<Storage>
    /// Articles one shard keeps before it starts over.
    private let capacity: Int

    init(capacity: Int = 262_144, shards: Int = 8) {
        self.capacity = max(1, capacity / shards)
        self.shards = ShardedState(count: shards) { Storage() }
    }

    /// The selection for the article, if one was made at `generation` and still holds at `now`.
    func selection(of articleID: Int64, generation: UInt64, at now: Timestamp) -> RelatedSelection? {
        shards.withLock(for: articleID) { storage in
            guard let epoch = storage.epoch, epoch.holds(generation: generation, at: now),
                let entry = storage.entries[articleID]
            else { return nil }
            var next = entry.start
            func take(_ count: UInt16) -> [Int64] {
                defer { next += Int(count) }
                return Array(storage.ids[next..<next + Int(count)])
            }
            let linked = take(entry.linked)
            return RelatedSelection(linked: linked, suggested: take(entry.suggested), expires: epoch.expires)
        }
    }

    /// Keeps a selection made from data at `generation` (read before the data was).
    func store(_ selection: RelatedSelection, of articleID: Int64, generation: UInt64) {
        let epoch = RelatedEpoch(generation: generation, expires: selection.expires)
        shards.withLock(for: articleID) { storage in
            if storage.epoch == epoch {
                // Full: start over. Counting ids too bounds what repeated stores of one article leave behind.
                if storage.entries.count >= capacity || storage.ids.count >= capacity * 16 { storage.startOver(epoch) }
            } else {
                if let current = storage.epoch, epoch.precedes(current) { return }
                storage.startOver(epoch)
            }
            storage.entries[articleID] = Entry(
                start: storage.ids.count, linked: UInt16(selection.linked.count), suggested: UInt16(selection.suggested.count))
            storage.ids += selection.linked
            storage.ids += selection.suggested
        }
    }
}
