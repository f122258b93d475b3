import HTTP
import NewsStore

/// How readers' comments are moderated and limited.
public struct CommentSettings: Sendable {
    /// `pre` (every comment waits) or `post` (approved unless held), and the word list.
    public var moderation = CommentModeration()
    /// Comments one client may send, across articles (the `comments` rate class): a reader
    /// writes a comment in minutes, not seconds; two at once allow a quick correction.
    public var rate = RateLimit(5, per: .seconds(60), burst: 2)
    /// Days a comment's client address is kept (moderators see it, to judge and ban), then cleared.
    public var addressRetentionDays = CommentService.defaultAddressRetentionDays
    /// Leading bits of an IPv6 address that are one client: a ban on an address bans the
    /// client the limits count, so an IPv6 subscriber cannot step around it within its block.
    /// Set from the server's `ipv6_client_prefix`.
    public var ipv6ClientPrefix = 64

    public init() {}

    /// `addressRetentionDays` as a span.
    public var addressRetention: Duration { .seconds(Int64(addressRetentionDays) * 86_400) }

    /// The most days `addressRetentionDays` may be: a hundred years.
    public static let retentionDays = 0...36_500
}
