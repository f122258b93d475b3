extension Substring {
    /// The pieces between each `separator` byte, an ASCII character: the same as
    /// `split(separator:)` on text that is all ASCII, as a request-target is (the parser takes
    /// visible ASCII only), without walking it Character by Character. That walk, grapheme
    /// breaking included, cost some 7,000 instructions for one short path, and every request's
    /// path is split on the I/O loop before it is routed.
    func split(ascii separator: UInt8, omittingEmptySubsequences: Bool) -> [Substring] {
        var pieces: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                if !omittingEmptySubsequences || start != index { pieces.append(self[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if !omittingEmptySubsequences || start != utf8.endIndex { pieces.append(self[start..<utf8.endIndex]) }
        return pieces
    }
}
