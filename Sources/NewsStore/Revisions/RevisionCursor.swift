/// The position after the last revision of a page: older revisions have smaller numbers.
public struct RevisionCursor: Sendable, Equatable {
    public let number: Int64

    public init(number: Int64) {
        self.number = number
    }

    /// Base64url of a small versioned text, like the listings' cursors.
    public var token: String { Base64URL.encode(Array("r1|\(number)".utf8)) }

    /// Reads a client's cursor; nil when it was not made by `token`.
    public init?(token: String) {
        guard token.utf8.count <= 32, let bytes = Base64URL.decode(token), let text = String(validating: bytes, as: UTF8.self),
            text.hasPrefix("r1|"), let number = Int64(text.dropFirst(3)), number > 0
        else { return nil }
        self.number = number
    }
}
