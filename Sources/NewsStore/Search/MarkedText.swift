/// Text in which search marked the words that matched the query: a title, or a snippet of the
/// body cut around the matches.
public struct MarkedText: Sendable, Equatable {
    public struct Fragment: Sendable, Equatable {
        public let text: String
        public let isMatch: Bool
    }

    public let fragments: [Fragment]
}
