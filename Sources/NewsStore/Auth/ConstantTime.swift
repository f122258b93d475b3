/// Comparisons of secrets that do not leak, through their timing, how much of a guess was right.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes, in time that depends only on their lengths.
    ///
    /// Every byte pair is visited and the differences are OR-ed together, so there is no early
    /// exit at the first mismatch. Unequal lengths do return early: the length is not secret here,
    /// because callers compare fixed-length SHA-256 digests, never variable-length plaintexts.
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(a, b) {
            difference |= left ^ right
        }
        return difference == 0
    }
}
