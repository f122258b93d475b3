/// How the server tells clients apart: which proxies' `X-Forwarded-For` it believes, and how
/// much of an IPv6 address is one client.
public struct ClientIdentification: Sendable {
    public var proxies: TrustedProxies
    /// Leading bits of an IPv6 address that name one client (a subscriber's /64 by default).
    public var ipv6Prefix: Int

    public init(proxies: TrustedProxies = .loopback, ipv6Prefix: Int = 64) {
        precondition((0...128).contains(ipv6Prefix), "an IPv6 prefix has 0 to 128 bits")
        self.proxies = proxies
        self.ipv6Prefix = ipv6Prefix
    }

    /// What is known of a connection's other end once it is accepted: parsed, and checked
    /// against the trusted proxies, once per connection rather than once per request.
    public struct Peer: Sendable {
        public let address: String
        /// The key the peer itself counts under.
        let key: ClientKey
        let isTrustedProxy: Bool
        /// This machine without a proxy: an operator's curl, a health check, a benchmark.
        let isLoopback: Bool

        /// The key a connection from this peer counts under, for the per-client connection cap;
        /// nil when the peer is exempt: a trusted proxy carries many clients, and this machine is
        /// the operator's.
        public var connectionKey: ClientKey? { isTrustedProxy || isLoopback || address.isEmpty ? nil : key }
    }

    public func peer(_ address: String) -> Peer {
        let parsed = IPAddress(address)
        return Peer(
            address: address, key: parsed.map { ClientKey($0, ipv6Prefix: ipv6Prefix) } ?? ClientKey(address),
            isTrustedProxy: parsed.map(proxies.contains) ?? false, isLoopback: parsed.map(TrustedProxies.loopback.contains) ?? false)
    }

    /// The client of `request`, computed once and handed to every limit that counts it. Only a
    /// request forwarded by a trusted proxy needs more than its connection's peer: the address
    /// its `X-Forwarded-For` names.
    ///
    /// Per-client limits do not apply to a request from this machine that no proxy forwarded
    /// (loopback, no `X-Forwarded-For`: an operator's curl, a health check, a benchmark), nor
    /// to one built in this process rather than read from a socket (no peer address). Behind a
    /// proxy every request carries the header, so nothing from outside passes unlimited; and
    /// should a proxy forget it, the site stays open rather than every reader sharing one
    /// client's limits.
    public func client(of request: Request, from peer: Peer) -> Client {
        let forwarded = request.headers.contains("x-forwarded-for")
        guard peer.isTrustedProxy, forwarded else {
            return Client(key: peer.key, isLimited: !peer.address.isEmpty && (forwarded || !peer.isLoopback), address: peer.address)
        }
        let address = proxies.clientAddress(of: request)
        return Client(key: ClientKey(address, ipv6Prefix: ipv6Prefix), isLimited: true, address: address)
    }

    /// The same for a request with no connection behind it (in-process callers, tests).
    public func client(of request: Request) -> Client {
        client(of: request, from: peer(request.peerAddress))
    }
}
