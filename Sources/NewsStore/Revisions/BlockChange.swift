import JSON

/// One difference between two bodies: a block added, removed, or changed in place.
public struct BlockChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case added, removed, changed
    }

    public let kind: Kind
    /// The block's position in the old body (removed, changed).
    public let oldIndex: Int?
    /// The block's position in the new body (added, changed).
    public let newIndex: Int?
    public let old: JSONValue?
    public let new: JSONValue?

    /// The changes that turn `old` into `new`: blocks both keep (their longest common
    /// subsequence) stay unmentioned; between two kept blocks, removed and added ones are
    /// paired in order as changed, and what is left over is removed or added. Bodies hold at
    /// most `Limits.blockCount` blocks, so the quadratic table stays small.
    static func changes(from old: [JSONValue], to new: [JSONValue]) -> [BlockChange] {
        let width = new.count + 1
        // common[i * width + j]: length of the longest common subsequence of old[i...] and new[j...].
        var common = [Int](repeating: 0, count: (old.count + 1) * width)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i * width + j] =
                    old[i] == new[j] ? common[(i + 1) * width + j + 1] + 1 : max(common[(i + 1) * width + j], common[i * width + j + 1])
            }
        }
        var changes: [BlockChange] = []
        var removed: [Int] = []
        var added: [Int] = []
        func flush() {
            let paired = min(removed.count, added.count)
            for k in 0..<paired {
                changes.append(BlockChange(kind: .changed, oldIndex: removed[k], newIndex: added[k], old: old[removed[k]], new: new[added[k]]))
            }
            for i in removed.dropFirst(paired) { changes.append(BlockChange(kind: .removed, oldIndex: i, newIndex: nil, old: old[i], new: nil)) }
            for j in added.dropFirst(paired) { changes.append(BlockChange(kind: .added, oldIndex: nil, newIndex: j, old: nil, new: new[j])) }
            removed = []
            added = []
        }
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                flush()
                i += 1
                j += 1
            } else if i < old.count, j == new.count || common[(i + 1) * width + j] >= common[i * width + j + 1] {
                // On a tie, the old block goes first, so a replaced block pairs with its replacement.
                removed.append(i)
                i += 1
            } else {
                added.append(j)
                j += 1
            }
        }
        flush()
        return changes
    }
}
