/// How long a connection may take at each stage before the server gives up on it. These are
/// what keep slow clients (slowloris, slow bodies, unread responses) from holding connections.
public struct Timeouts: Sendable, Equatable {
    /// From the first byte of a request until its head is complete; then 408 and close.
    public var header: Duration = .seconds(10)
    /// From the end of the head until the whole body has arrived; then 408 and close.
    public var body: Duration = .seconds(30)
    /// How long a kept-alive connection may sit idle between requests; then it is closed.
    public var idle: Duration = .seconds(60)
    /// How long a response may wait for the client to read it; then the connection is closed.
    public var write: Duration = .seconds(30)
    /// After an error response the server stops writing and drains what the client still sends,
    /// for at most this long, so the client reads the response instead of a connection reset.
    public var linger: Duration = .seconds(2)

    public init() {}

    /// The shortest timeout, which sets how often connections are checked.
    var shortest: Duration { [header, body, idle, write, linger].min()! }
}
