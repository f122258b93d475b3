/// Why a document is not valid JSON, and where; the message is safe to show to an API client.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The zero-based byte offset in the input at which the problem was found.
    public let offset: Int
    /// A full sentence such as "Invalid JSON at byte 17: expected ':' after an object key."
    public let message: String

    init(offset: Int, reason: String) {
        self.offset = offset
        message = "Invalid JSON at byte \(offset): \(reason)."
    }

    /// The message.
    public var description: String { message }
}
