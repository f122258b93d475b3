import JSON

/// Public articles' summaries as a detail's `related` list writes them, rendered once and kept
/// by article id, so a reader's detail splices its related items from bytes: no summary query
/// and no rendering per request for the summaries kept.
///
/// An entry holds for the state of the data it was rendered from, the database's generation:
/// any write empties the cache. Only summaries that were public when read are kept, and within
/// one generation a public article stays public (time only makes scheduled ones public), so a
/// kept entry is never shown when it should not be.
///
/// The rendered bytes sit back to back in arrays, as `RelatedSelectionCache` keeps its ids:
/// many small long-lived arrays scatter over the allocator's arenas and keep more memory
/// resident than their bytes. Each shard has two such segments of half its share of
/// `capacity`: new summaries go to the recent one, and when it is full it becomes the older
/// one and the older one is emptied for new ones; a summary found in the older one moves to
/// the recent one, so those read often stay. A summary of the benchmark's data is ~1.1 KB, so
/// the default 16 MiB keeps ~15,000 and bounds the memory at any archive size; a full shard
/// loses its older half, not all it keeps, as it did when it started over. A list partly kept
/// reads only what is missing. Every worker's detail read
/// takes it, so ids are spread over `shards` locks (`ShardedState`).
final class RelatedSummaryCache: Sendable {
    /// Summaries' bytes back to back, and where each is.
    private struct Segment {
        var entries: [Int64: Range<Int>] = [:]
        var bytes: [UInt8] = []

        /// Keeping the memory: it fills again to about the same size.
        mutating func empty() {
            entries.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private struct Storage {
        var generation: UInt64?
        var recent = Segment()
        var older = Segment()

        /// The kept bytes of `id`, moved to the recent segment when found in the older one.
        mutating func find(_ id: Int64, segmentCapacity: Int) -> ArraySlice<UInt8>? {
            if let range = recent.entries[id] { return recent.bytes[range] }
            guard let range = older.entries[id] else { return nil }
            let bytes = Array(older.bytes[range])
            older.entries[id] = nil
            add(id, bytes, segmentCapacity: segmentCapacity)
            return recent.entries[id].map { recent.bytes[$0] }
        }

        func contains(_ id: Int64) -> Bool {
            recent.entries[id] != nil || older.entries[id] != nil
        }

        mutating func add(_ id: Int64, _ bytes: [UInt8], segmentCapacity: Int) {
            guard bytes.count <= segmentCapacity else { return }
            if recent.bytes.count + bytes.count > segmentCapacity {
                swap(&recent, &older)
                recent.empty()
            }
            let start = recent.bytes.count
            recent.bytes.append(contentsOf: bytes)
            recent.entries[id] = start..<recent.bytes.count
        }

        mutating func startOver(_ generation: UInt64) {
            self.generation = generation
            recent.empty()
            older.empty()
        }
    }

    private let shards: ShardedState<Storage>
    /// Bytes one segment of a shard keeps.
    private let segmentCapacity: Int

    init(capacity: Int = 16 << 20, shards: Int = 8) {
        segmentCapacity = max(1, capacity / shards / 2)
        self.shards = ShardedState(count: shards) { Storage() }
    }

    /// Appends the kept members of every one of `ids`, in order, to `rendered` (those from
    /// `firstSuggested` on as suggestions), when all are kept for `generation`: the common
    /// case, done with one copy per item. False, and `rendered` unchanged, when any is missing.
    func render(_ ids: [Int64], firstSuggested: Int, generation: UInt64, into rendered: inout RenderedRelated) -> Bool {
        var spliced = rendered
        for (index, id) in ids.enumerated() {
            let kept = shards.withLock(for: id) { [segmentCapacity] storage in
                guard storage.generation == generation, let members = storage.find(id, segmentCapacity: segmentCapacity) else { return false }
                spliced.append(id: id, members: members, suggested: index >= firstSuggested)
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
            let bytes = shards.withLock(for: id) { [segmentCapacity] storage -> [UInt8]? in
                guard storage.generation == generation else { return nil }
                return storage.find(id, segmentCapacity: segmentCapacity).map(Array.init)
            }
            if let bytes { found[id] = bytes }
        }
        return found
    }

    /// Keeps the rendered members of public summaries read at `generation` (read before the
    /// data was, so a write committing meanwhile makes them stale, never wrong). Ids already
    /// kept are left as they are.
    func store(_ members: [Int64: [UInt8]], generation: UInt64) {
        for (id, bytes) in members {
            shards.withLock(for: id) { [segmentCapacity] storage in
                if let current = storage.generation, generation < current { return }
                if storage.generation != generation { storage.startOver(generation) }
                // A miss renders a whole list again; its kept items must not be kept twice.
                guard !storage.contains(id) else { return }
                storage.add(id, bytes, segmentCapacity: segmentCapacity)
            }
        }
    }
}
