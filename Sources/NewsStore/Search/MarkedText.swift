/// Text in which search marked the words that matched the query: a title, or a snippet of the
/// body cut around the matches.
public struct MarkedText: Sendable, Equatable {
    public struct Fragment: Sendable, Equatable {
        public let text: String
        public let isMatch: Bool
    }

    public let fragments: [Fragment]

    /// What FTS5's `highlight()` and `snippet()` return when asked to put `MarkedText.open`
    /// and `MarkedText.close` around each match. Those control characters cannot occur in
    /// stored text (validation refuses them), so they mark nothing else.
    init(marked: String) {
        var fragments: [Fragment] = []
        var current = ""
        var inMatch = false
        for scalar in marked.unicodeScalars {
            if scalar == Self.open || scalar == Self.close {
                if !current.isEmpty { fragments.append(Fragment(text: current, isMatch: inMatch)) }
                current = ""
                inMatch = scalar == Self.open
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { fragments.append(Fragment(text: current, isMatch: inMatch)) }
        self.fragments = fragments
    }

    static let open: Unicode.Scalar = "\u{2}"
    static let close: Unicode.Scalar = "\u{3}"
}
