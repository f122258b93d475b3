/// What every `RelatedSelector` choice walks, kept for one `RelatedEpoch`: each tag's and
/// each category's newest public articles, and the epoch itself (finding the next scheduled
/// publication is one more query).
///
/// A tag's or a category's list serves every article that has it, so a choice that the
/// per-article `RelatedSelectionCache` misses reads only the article's links (its tags come
/// with its row): the same few rows in an archive of any size. Misses are common in a large
/// archive (each article's first read since the last write), where the candidate walks, a
/// dozen index ranges per choice, took a third of a detail's CPU; and after every write,
/// which starts all kept selections over.
///
/// Lists hold up to `RelatedSelector.candidatesPerTag` candidates of 16 bytes: 300 tags and
/// a dozen categories are half a megabyte. Past `capacity` candidates in all it starts over,
/// so thousands of tags stay bounded too.
final class RelatedCandidateCache: Sendable {
    typealias Candidate = RelatedCandidates.Candidate
    typealias Source = RelatedCandidates.Source

    private struct Storage {
        var epoch: RelatedEpoch?
        var lists: [Source: [Candidate]] = [:]
        var candidates = 0

        mutating func startOver(_ epoch: RelatedEpoch) {
            self.epoch = epoch
            lists.removeAll(keepingCapacity: true)
            candidates = 0
        }
    }

    /// One lock (a pthread mutex, see `ShardedState`): a choice takes it a few times, only
    /// when the per-article cache misses, and holds it for a dictionary lookup.
    private let storage = ShardedState(count: 1) { Storage() }
    /// Candidates kept in all before starting over.
    private let capacity: Int

    init(capacity: Int = 262_144) {
        self.capacity = max(1, capacity)
    }

    /// The kept epoch, if it holds for a read at `generation` and `now`.
    func epoch(generation: UInt64, at now: Timestamp) -> RelatedEpoch? {
        storage.withLock(for: 0) { storage in
            guard let epoch = storage.epoch, epoch.holds(generation: generation, at: now) else { return nil }
            return epoch
        }
    }

    /// Makes `epoch` the kept one, dropping lists of older epochs; an epoch older than the
    /// kept one (a reader that read older data, finishing late) changes nothing.
    func begin(_ epoch: RelatedEpoch) {
        storage.withLock(for: 0) { storage in
            if let current = storage.epoch, current == epoch || epoch.precedes(current) { return }
            storage.startOver(epoch)
        }
    }

    /// The kept list of `source` in `epoch`, newest first.
    func list(_ source: Source, in epoch: RelatedEpoch) -> [Candidate]? {
        storage.withLock(for: 0) { storage in storage.epoch == epoch ? storage.lists[source] : nil }
    }

    /// Keeps `source`'s newest public articles read in `epoch`, unless another epoch began since.
    func keep(_ list: [Candidate], for source: Source, in epoch: RelatedEpoch) {
        storage.withLock(for: 0) { storage in
            guard storage.epoch == epoch, storage.lists[source] == nil else { return }
            if storage.candidates + list.count > capacity { storage.startOver(epoch) }
            storage.lists[source] = list
            storage.candidates += list.count
        }
    }
}
