import JSON
import Synchronization

/// Public articles' summaries as a detail's `related` list writes them, rendered once and kept
/// by article id, so a reader's detail splices its related items from bytes: no summary query
/// and no rendering per request for the summaries kept.
///
/// An entry holds for the state of the data it was rendered from, the database's generation:
/// any write empties the cache. Only summaries that were public when read are kept, and within
/// one generation a public article stays public (time only makes scheduled ones public), so a
/// kept entry is never shown when it should not be.
///
/// The rendered bytes sit back to back in one array, as `RelatedSelectionCache` keeps its ids:
/// many small long-lived arrays scatter over the allocator's arenas and keep more memory
/// resident than their bytes. At `capacity` bytes it starts over: a summary of the benchmark's
/// data is ~1.1 KB, so the default 16 MiB keeps ~15,000 (most of the 20,000-article benchmark)
/// and bounds the memory at any archive size. A list partly kept reads only what is missing.
final class RelatedSummaryCache: Sendable {
    private struct Storage {
        var generation: UInt64?
        var entries: [Int64: Range<Int>] = [:]
        var bytes: [UInt8] = []
    }

    private let storage = Mutex(Storage())
    private let capacity: Int

    init(capacity: Int = 16 << 20) {
        self.capacity = capacity
    }

    /// Appends the kept members of every one of `ids`, in order, to `rendered` (those from
    /// `firstSuggested` on as suggestions), when all are kept for `generation`: the common
    /// case, done with one lock and one copy per item. False, and `rendered` unchanged, when
    /// any is missing.
    func render(_ ids: [Int64], firstSuggested: Int, generation: UInt64, into rendered: inout RenderedRelated) -> Bool {
        storage.withLock { storage in
            guard storage.generation == generation else { return false }
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(ids.count)
            for id in ids {
                guard let range = storage.entries[id] else { return false }
                ranges.append(range)
            }
            rendered.reserve(bytes: ranges.reduce(0) { $0 + $1.count }, items: ids.count)
            for (index, range) in ranges.enumerated() {
                rendered.append(id: ids[index], members: storage.bytes[range], suggested: index >= firstSuggested)
            }
            return true
        }
    }

    /// The kept members of those of `ids` rendered at `generation`, copied out, by id.
    func members(of ids: [Int64], generation: UInt64) -> [Int64: [UInt8]] {
        storage.withLock { storage in
            guard storage.generation == generation else { return [:] }
            var found: [Int64: [UInt8]] = [:]
            for id in ids {
                if let range = storage.entries[id] { found[id] = Array(storage.bytes[range]) }
            }
            return found
        }
    }

    /// Keeps the rendered members of public summaries read at `generation` (read before the
    /// data was, so a write committing meanwhile makes them stale, never wrong). Ids already
    /// kept are left as they are.
    func store(_ members: [Int64: [UInt8]], generation: UInt64) {
        guard !members.isEmpty else { return }
        storage.withLock { storage in
            if let current = storage.generation, generation < current { return }
            let size = members.values.reduce(0) { $0 + $1.count }
            if storage.generation != generation || storage.bytes.count + size > capacity {
                // Keeping the memory: after a write the cache fills again to about the same size.
                storage.generation = generation
                storage.entries.removeAll(keepingCapacity: true)
                storage.bytes.removeAll(keepingCapacity: true)
            }
            guard size <= capacity else { return }
            // A miss renders a whole list again; its kept items must not be appended twice.
            for (id, bytes) in members where storage.entries[id] == nil {
                let start = storage.bytes.count
                storage.bytes.append(contentsOf: bytes)
                storage.entries[id] = start..<storage.bytes.count
            }
        }
    }
}
