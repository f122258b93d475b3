/// A block of addresses in CIDR notation (`10.0.0.0/8`, `fd00::/8`), or one address.
public struct IPAddressRange: Sendable {
    private let base: IPAddress
    /// Leading bits that must match, 0...128 (an IPv4 prefix counts the 96 mapping bits too).
    private let prefixLength: Int

    /// Parses `address` or `address/prefix`; nil when either part is invalid.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let isIPv4 = !parts[0].contains(":")
        let bits = isIPv4 ? 32 : 128
        var length = bits
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...bits).contains(given) else { return nil }
            length = given
        }
        prefixLength = length + (isIPv4 ? 96 : 0)
        base = address
    }

    public func contains(_ address: IPAddress) -> Bool {
        Self.prefix(address.high, bits: prefixLength) == Self.prefix(base.high, bits: prefixLength)
            && Self.prefix(address.low, bits: prefixLength - 64) == Self.prefix(base.low, bits: prefixLength - 64)
    }

    /// The top `bits` bits of `word` (all of them from 64 on, none at 0 or below).
    static func prefix(_ word: UInt64, bits: Int) -> UInt64 {
        if bits >= 64 { return word }
        if bits <= 0 { return 0 }
        return word & ~(UInt64.max >> UInt64(bits))
    }
}
