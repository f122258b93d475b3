import Glibc

/// An IPv4 or IPv6 address as 128 bits. An IPv4 address is held in its IPv4-mapped IPv6 form
/// (`::ffff:a.b.c.d`), which is how a socket listening on `::` sees IPv4 clients, so both
/// spellings of one client compare equal.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The first and last 64 bits, in network order of significance.
    let high: UInt64
    let low: UInt64

    /// Parses `203.0.113.7` or `2001:db8::7` (the textual forms of `inet_pton`); nil for
    /// anything else, such as a host name or an address with a port or zone.
    public init?(_ text: some StringProtocol) {
        var bytes = (UInt64(0), UInt64(0))
        let parsed = String(text).withCString { text in
            withUnsafeMutableBytes(of: &bytes) { buffer in
                if inet_pton(AF_INET6, text, buffer.baseAddress) == 1 { return true }
                // IPv4 goes into the last four bytes behind the ::ffff: prefix.
                for index in buffer.indices { buffer[index] = 0 }
                buffer[10] = 0xFF
                buffer[11] = 0xFF
                return inet_pton(AF_INET, text, buffer.baseAddress! + 12) == 1
            }
        }
        guard parsed else { return nil }
        high = UInt64(bigEndian: bytes.0)
        low = UInt64(bigEndian: bytes.1)
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The IPv4 address `a.b.c.d` given as its 32 bits.
    init(ipv4 bits: UInt32) {
        self.init(high: 0, low: 0xFFFF_0000_0000 | UInt64(bits))
    }

    /// Whether this is an IPv4 address (held as `::ffff:a.b.c.d`).
    var isIPv4Mapped: Bool { high == 0 && low >> 32 == 0xFFFF }

    /// The 16 bytes in network order, as `sockaddr_in6` and `inet_ntop` take them.
    var bytes: (UInt64, UInt64) { (high.bigEndian, low.bigEndian) }

    /// `203.0.113.7` for an IPv4 address, the shortest IPv6 form (`2001:db8::7`) otherwise.
    public var description: String {
        var raw = bytes
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        withUnsafeBytes(of: &raw) { buffer in
            if isIPv4Mapped {
                _ = inet_ntop(AF_INET, buffer.baseAddress! + 12, &text, socklen_t(text.count))
            } else {
                _ = inet_ntop(AF_INET6, buffer.baseAddress, &text, socklen_t(text.count))
            }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
