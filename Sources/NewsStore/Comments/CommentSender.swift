/// Who sent a comment, as the transport identified the client. Kept with the comment for
/// moderators and bans until the retention setting clears it.
public struct CommentSender: Sendable, Equatable {
    /// The client's address as text (the connection's peer, or the address a trusted proxy
    /// forwarded); nil when the request came from no socket.
    public var address: String?
    /// What the per-client limits count the client by (an address, or an IPv6 client's
    /// block), in a stable text form: the duplicate check and address bans compare it.
    public var key: String

    public init(address: String?, key: String) {
        self.address = address
        self.key = key
    }
}
