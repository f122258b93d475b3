import JSON

/// Public articles' summaries as a detail's `related` list writes them, rendered once and kept
/// by article id, so a reader's detail splices its related items from bytes: no summary query
/// and no rendering per request for the summaries kept. A reader's detail begins with its own
/// summary's members, spliced from here too (`SplicedArticle`).
///
/// An entry holds for the state of the data it was rendered from, the database's generation:
/// any write empties the cache. Only summaries that were public when read are kept, and within
/// one generation a public article stays public (time only makes scheduled ones public), so a
/// kept entry is never shown when it should not be.
///
/// The rendered bytes sit back to back in one array per shard, as `RelatedSelectionCache`
/// keeps its ids: many small long-lived arrays scatter over the allocator's arenas and keep
/// more memory resident than their bytes. A shard at its share of `capacity` bytes drops its
/// older half (the summaries stored first) and moves the rest down, so it stays between half
/// and wholly full: starting over instead, a cache a little smaller than what readers ask
/// for was half empty on average, and missed most. A list partly kept reads only what is
/// missing. Every worker's detail read takes it, so ids are spread over `shards` locks
/// (`ShardedState`).
///
/// A summary of the benchmark's data is ~1.1 KB, and the summaries readers reach are those
/// of every article an editor links to, spread over the whole archive, besides the newest
/// ones that suggestions gather on, and every article read (a detail splices its own). The
/// memory grows with the archive up to `capacity`: ~25 MB for the 20,000-article benchmark,
/// ~230 MB for 200,000 articles every one of which was read. The default 384 MiB holds that
/// with room: at 200,000 articles, each read once before, a detail cost 56 µs of CPU (as at
/// 20,000) against 95 µs with 24 MiB, which held a tenth of them, for 264 MB of resident
/// memory instead of 85; once details kept their own summaries too, the 256 MiB default
/// before left the parts at their share of it dropping halves (47.9 against 43.8 µs, p99 6.1
/// against 5.3 ms with 512 MiB, the same 285 MB resident). Machines short of memory set less.
final class RelatedSummaryCache: Sendable {
    private struct Storage {
        var generation: UInt64?
        var entries: [Int64: Range<Int>] = [:]
        var bytes: [UInt8] = []

        /// Drops the summaries in the first half of `bytes` (and one that straddles its
        /// middle) and moves the others to the front, in the same order.
        mutating func dropOlderHalf() {
            let middle = bytes.count / 2
            var cut = bytes.count
            for range in entries.values where range.lowerBound >= middle { cut = min(cut, range.lowerBound) }
            var kept: [Int64: Range<Int>] = [:]
            kept.reserveCapacity(entries.count)
            for (id, range) in entries where range.lowerBound >= cut {
                kept[id] = (range.lowerBound - cut)..<(range.upperBound - cut)
            }
            entries = kept
            bytes.removeFirst(cut)
        }
    }

    private let shards: ShardedState<Storage>
    /// Bytes one shard keeps before it starts over.
    private let capacity: Int

    /// Bytes of rendered summaries kept unless configured otherwise.
    static let defaultCapacity = 384 << 20

    init(capacity: Int = RelatedSummaryCache.defaultCapacity, shards: Int = 8) {
        self.capacity = max(1, capacity / shards)
        self.shards = ShardedState(count: shards) { Storage() }
    }

    /// Appends the kept members of every one of `ids`, in order, to `rendered` (those from
    /// `firstSuggested` on as suggestions), when all are kept for `generation`: the common
    /// case, done with one copy per item. False, and `rendered` unchanged, when any is missing.
    func render(_ ids: [Int64], firstSuggested: Int, generation: UInt64, into rendered: inout RenderedRelated) -> Bool {
        var spliced = rendered
        for (index, id) in ids.enumerated() {
            let kept = shards.withLock(for: id) { storage in
                guard storage.generation == generation, let range = storage.entries[id] else { return false }
                // The items are alike in size: the first one tells how much room all need.
                if index == 0 { spliced.reserveCapacity(items: ids.count, bytesEach: range.count + range.count / 4) }
                spliced.append(id: id, members: storage.bytes[range], suggested: index >= firstSuggested)
                return true
            }
            guard kept else { return false }
        }
        rendered = spliced
        return true
    }

    /// The kept members of those of `ids` rendered at `generation`, copied out, by id.
    func members(of ids: [Int64], generation: UInt64) -> [Int64: [UInt8]] {
        var found: [Int64: [UInt8]] = [:]
        for id in ids {
            if let bytes = members(of: id, generation: generation) { found[id] = bytes }
        }
        return found
    }

    /// Whether the members of `id` are kept for `generation`.
    func keeps(_ id: Int64, generation: UInt64) -> Bool {
        shards.withLock(for: id) { storage in storage.generation == generation && storage.entries[id] != nil }
    }

    /// The kept members of `id` for `generation`, if they are kept.
    func members(of id: Int64, generation: UInt64) -> [UInt8]? {
        shards.withLock(for: id) { storage in
            guard storage.generation == generation, let range = storage.entries[id] else { return nil }
            return Array(storage.bytes[range])
        }
    }

    /// Keeps the rendered members of public summaries read at `generation` (read before the
    /// data was, so a write committing meanwhile makes them stale, never wrong). Ids already
    /// kept are left as they are.
    func store(_ members: [Int64: [UInt8]], generation: UInt64) {
        for (id, bytes) in members {
            shards.withLock(for: id) { storage in
                if let current = storage.generation, generation < current { return }
                if storage.generation != generation {
                    // Keeping the memory: after a write the cache fills again to about the same size.
                    storage.generation = generation
                    storage.entries.removeAll(keepingCapacity: true)
                    storage.bytes.removeAll(keepingCapacity: true)
                }
                // A miss renders a whole list again; its kept items must not be appended twice.
                guard bytes.count <= capacity / 2, storage.entries[id] == nil else { return }
                if storage.bytes.count + bytes.count > capacity { storage.dropOlderHalf() }
                let start = storage.bytes.count
                storage.bytes.append(contentsOf: bytes)
                storage.entries[id] = start..<storage.bytes.count
            }
        }
    }
}
