import JSON
import Synchronization

/// Public articles' summaries as a detail's `related` list writes them, rendered once and kept
/// by article id, so a reader's detail splices its related items from bytes: no summary query
/// and no rendering per request. Five related summaries are most of a detail's work otherwise.
///
/// An entry holds for the state of the data it was rendered from, the database's generation:
/// any write empties the cache. Only summaries that were public when read are kept, and within
/// one generation a public article stays public (time only makes scheduled ones public), so a
/// kept entry is never shown when it should not be.
///
/// The rendered bytes sit back to back in one array, as `RelatedSelectionCache` keeps its ids:
/// many small long-lived arrays scatter over the allocator's arenas and keep more memory
/// resident than their bytes. At `capacity` bytes it starts over (a summary is ~0.8 KB, so
/// the default keeps ~20,000: the whole of the 20,000-article benchmark).
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

    /// The kept members of `ids` rendered at `generation`, appended to `rendered` (one item
    /// per id found, marked `suggested`); returns the ids that were not kept, in order.
    func take(_ ids: some Sequence<Int64>, suggested: Bool, generation: UInt64, into rendered: inout RenderedRelated) -> [Int64] {
        storage.withLock { storage in
            var missing: [Int64] = []
            for id in ids {
                guard storage.generation == generation, let range = storage.entries[id] else {
                    missing.append(id)
                    continue
                }
                rendered.append(id: id, members: storage.bytes[range], suggested: suggested)
            }
            return missing
        }
    }

    /// Keeps the rendered members of public summaries read at `generation` (read before the
    /// data was, so a write committing meanwhile makes them stale, never wrong).
    func store(_ members: [(id: Int64, bytes: ArraySlice<UInt8>)], generation: UInt64) {
        guard !members.isEmpty else { return }
        storage.withLock { storage in
            if let current = storage.generation, generation < current { return }
            let size = members.reduce(0) { $0 + $1.bytes.count }
            if storage.generation != generation || storage.bytes.count + size > capacity {
                // Keeping the memory: after a write the cache fills again to about the same size.
                storage.generation = generation
                storage.entries.removeAll(keepingCapacity: true)
                storage.bytes.removeAll(keepingCapacity: true)
            }
            guard size <= capacity else { return }
            for member in members {
                let start = storage.bytes.count
                storage.bytes.append(contentsOf: member.bytes)
                storage.entries[member.id] = start..<storage.bytes.count
            }
        }
    }
}
