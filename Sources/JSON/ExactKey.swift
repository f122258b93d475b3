// Swift compares Strings by canonical equivalence ("é" == "e\u{301}"), but two JSON keys are
// different whenever their code points differ, so key lookups and duplicate checks compare
// UTF-8 bytes instead.

extension String {
    /// Whether both strings hold the same Unicode scalars, compared byte for byte in UTF-8.
    func isExactlyEqual(to other: String) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }
}

/// A string hashed and compared by its UTF-8 bytes, for sets of JSON object keys.
struct ExactKey: Hashable {
    let string: String

    init(_ string: String) {
        self.string = string
    }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
        lhs.string.isExactlyEqual(to: rhs.string)
    }

    func hash(into hasher: inout Hasher) {
        var string = string
        string.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
