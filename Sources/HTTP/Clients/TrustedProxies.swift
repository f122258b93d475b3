/// The proxies whose `X-Forwarded-For` is believed, and the client address that follows.
///
/// Behind a reverse proxy every connection comes from the proxy, so the peer address says
/// nothing about the client; the proxy appends the address it accepted the request from to
/// `X-Forwarded-For`. Only the entries our own proxies appended can be trusted: a client may
/// send the header with anything in it. So the client is the right-most address that is not
/// one of our proxies, reading from the peer leftwards.
public struct TrustedProxies: Sendable {
    /// What a proxy on the same machine (Caddy, nginx) connects from.
    public static let loopback = TrustedProxies([IPAddressRange("127.0.0.1")!, IPAddressRange("::1")!])

    private let ranges: [IPAddressRange]

    public init(_ ranges: [IPAddressRange]) {
        self.ranges = ranges
    }

    /// Whether `address` (text) is one of the trusted proxies; a malformed address never is.
    public func isTrusted(_ address: some StringProtocol) -> Bool {
        guard !ranges.isEmpty, let parsed = IPAddress(address) else { return false }
        return contains(parsed)
    }

    /// Whether `address` is one of the trusted proxies.
    public func contains(_ address: IPAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The address of the client `request` comes from, as text: the peer, unless the peer is a
    /// trusted proxy; then the right-most `X-Forwarded-For` entry that is not a trusted proxy
    /// (or the left-most entry when all of them are). Several `X-Forwarded-For` fields count as
    /// one list, in order.
    public func clientAddress(of request: Request) -> String {
        guard isTrusted(request.peerAddress) else { return request.peerAddress }
        var client = Substring(request.peerAddress)
        for field in request.headers.values("x-forwarded-for").reversed() {
            for address in RequestHead.listElements(field).reversed() {
                client = address
                if !isTrusted(address) { return String(client) }
            }
        }
        return String(client)
    }
}
