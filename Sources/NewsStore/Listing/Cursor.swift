/// An opaque position in a listing: the sort key and id of the last item of a page. The next
/// page starts strictly after it, so items added meanwhile neither repeat nor shift the pages
/// (keyset pagination), unlike offsets.
public struct Cursor: Sendable, Equatable {
    public let order: ArticleQuery.Order
    public let sortAt: Int64
    public let id: Int64

    public init(order: ArticleQuery.Order, sortAt: Int64, id: Int64) {
        self.order = order
        self.sortAt = sortAt
        self.id = id
    }

    /// The form clients pass back: base64url of a small versioned text, so it can change later.
    public var token: String {
        Base64URL.encode(Array("1|\(order == .newestFirst ? "d" : "a")|\(sortAt)|\(id)".utf8))
    }

    /// Reads a client's cursor; nil when it was not made by `token` (tampered, truncated, or
    /// from another version).
    public init?(token: String) {
        guard token.utf8.count <= 64, let bytes = Base64URL.decode(token),
            let text = String(validating: bytes, as: UTF8.self)
        else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "1", let sortAt = Int64(parts[2]), let id = Int64(parts[3]), id > 0 else {
            return nil
        }
        switch parts[1] {
        case "d": order = .newestFirst
        case "a": order = .oldestFirst
        default: return nil
        }
        self.sortAt = sortAt
        self.id = id
    }
}
