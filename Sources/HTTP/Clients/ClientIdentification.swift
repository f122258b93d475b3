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

    /// The client of `request`, computed once and handed to every limit that counts it.
    public func client(of request: Request) -> Client {
        let isLimited = proxies.isLimited(request)
        return Client(key: ClientKey(proxies.clientAddress(of: request), ipv6Prefix: ipv6Prefix), isLimited: isLimited)
    }

    /// The key a connection from `peer` counts under, for the per-client connection cap; nil
    /// when the peer is exempt: a trusted proxy carries many clients, and this machine is the
    /// operator's.
    public func connectionKey(peer: String) -> ClientKey? {
        guard let address = IPAddress(peer), !proxies.isTrusted(peer), !TrustedProxies.loopback.isTrusted(peer) else { return nil }
        return ClientKey(address, ipv6Prefix: ipv6Prefix)
    }
}
