/// Which resolved addresses an outbound request may connect to. The client asks it about every
/// address a name resolves to, right before connecting, so a name that resolves (or is
/// re-pointed, DNS rebinding) to an address inside the network is refused, not just a URL
/// that spells one.
public enum AddressPolicy: Sendable, Equatable {
    /// Only globally reachable unicast addresses: loopback, private, shared (CGNAT),
    /// link-local (and so the cloud metadata address), multicast, documentation and reserved
    /// blocks are refused, in IPv4 and IPv6 and in IPv6 forms that embed an IPv4 address.
    case publicOnly
    /// Every address, for tests and single-host setups whose receivers live on the same
    /// machine or network.
    case allowPrivate

    /// Why `address` may not be connected to (e.g. "loopback (127.0.0.0/8)"), or nil when it may.
    public func refusal(of address: IPAddress) -> String? {
        switch self {
        case .publicOnly: SpecialPurposeAddresses.reason(address)
        case .allowPrivate: nil
        }
    }
}
