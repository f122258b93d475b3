extension Substring {
    /// The pieces between each `separator` byte, an ASCII character: the same as
    /// `split(separator:)` on text that is all ASCII, as a request-target is (the parser takes
    /// visible ASCII only), without walking it Character by Character. That walk, grapheme
    /// breaking included, cost some 7,000 instructions for one short path, and every request's
    /// path is split on the I/O loop before it is routed.
    func split(ascii separator: UInt8, omittingEmptySubsequences: Bool) -> [Substring] {
        // The bytes are walked through a pointer (stepping `utf8`'s indices checks bounds and
        // encoding at each byte); text the parser made is contiguous, other text is copied.
        func pieces(of bytes: UnsafeBufferPointer<UInt8>) -> [Substring] {
            func piece(_ start: Int, _ end: Int) -> Substring {
                self[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
            }
            var pieces: [Substring] = []
            // Room for an API path's segments or a query's parameters, so the array is
            // allocated once rather than grown three times on the way to four pieces.
            pieces.reserveCapacity(8)
            var start = 0
            for offset in bytes.indices where bytes[offset] == separator {
                if !omittingEmptySubsequences || start != offset { pieces.append(piece(start, offset)) }
                start = offset + 1
            }
            if !omittingEmptySubsequences || start != bytes.count { pieces.append(piece(start, bytes.count)) }
            return pieces
        }
        return utf8.withContiguousStorageIfAvailable(pieces) ?? Array(utf8).withUnsafeBufferPointer(pieces)
    }
}
