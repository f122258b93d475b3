/// A reader's comment as moderators see it, with the email and client address the public never
/// sees. A tombstone (`isDeleted`) has neither name, email, body nor address.
public struct Comment: Sendable, Equatable {
    public let id: Int64
    public let articleID: Int64
    /// The top comment this one replies to; nil for a top comment.
    public let parentID: Int64?
    public var status: CommentStatus
    public var authorName: String?
    public var authorEmail: String?
    public var body: String?
    /// The address the comment came from, until the retention setting clears it.
    public var clientAddress: String?
    public let createdAt: Timestamp
    public var updatedAt: Timestamp
    public var isDeleted: Bool

    public init(
        id: Int64, articleID: Int64, parentID: Int64?, status: CommentStatus, authorName: String?, authorEmail: String?, body: String?,
        clientAddress: String?, createdAt: Timestamp, updatedAt: Timestamp, isDeleted: Bool
    ) {
        self.id = id
        self.articleID = articleID
        self.parentID = parentID
        self.status = status
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.body = body
        self.clientAddress = clientAddress
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.isDeleted = isDeleted
    }
}
