/// An opaque position in search results: how many hits the previous pages held.
///
/// Search pages by position rather than by key (as listings do) because the order is a score,
/// and bm25 scores of every hit move whenever any article is indexed: a key would not mark a
/// stable place either. Positions are bounded (`maximumOffset`), so a deep page never makes
/// SQLite rank and skip an unbounded number of hits.
public struct SearchCursor: Sendable, Equatable {
    public let offset: Int

    /// Beyond this many hits, search gives no further pages: refine the query instead.
    public static let maximumOffset = 1_000

    public init?(offset: Int) {
        guard (1...Self.maximumOffset).contains(offset) else { return nil }
        self.offset = offset
    }

    /// Base64url of a small versioned text, like `Cursor`'s, but never mistaken for one.
    public var token: String {
        Base64URL.encode(Array("s1|\(offset)".utf8))
    }

    /// Reads a client's cursor; nil when it was not made by `token`.
    public init?(token: String) {
        guard token.utf8.count <= 32, let bytes = Base64URL.decode(token),
            let text = String(validating: bytes, as: UTF8.self)
        else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "s1", let offset = Int(parts[1]) else { return nil }
        self.init(offset: offset)
    }
}
