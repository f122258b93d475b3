/// What per-client limits count by: a client's address, cut to the block one subscriber holds.
///
/// An IPv4 address is one client. An IPv6 subscriber gets a whole /64 (often more) and may
/// pick any address in it, so counting by full address would hand each one 2^64 allowances;
/// the key keeps the first `ipv6Prefix` bits. Anything that does not parse as an address (a
/// proxy that wrote a name into `X-Forwarded-For`) is keyed by its text.
public struct ClientKey: Hashable, Sendable, CustomStringConvertible {
    private enum Storage: Hashable {
        case address(high: UInt64, low: UInt64)
        case text(String)
    }

    private let storage: Storage

    /// The key of `address` (text), keeping `ipv6Prefix` bits (0...128) of an IPv6 address.
    public init(_ address: some StringProtocol, ipv6Prefix: Int = 64) {
        if let parsed = IPAddress(address) {
            self.init(parsed, ipv6Prefix: ipv6Prefix)
        } else {
            self.init(storage: .text(String(address)))
        }
    }

    public init(_ address: IPAddress, ipv6Prefix: Int = 64) {
        let bits = address.isIPv4Mapped ? 128 : ipv6Prefix
        self.init(storage: .address(high: IPAddressRange.prefix(address.high, bits: bits), low: IPAddressRange.prefix(address.low, bits: bits - 64)))
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    public var description: String {
        switch storage {
        case .address(let high, let low): String(high, radix: 16) + ":" + String(low, radix: 16)
        case .text(let text): text
        }
    }
}
