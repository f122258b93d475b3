/// The address blocks that are not globally reachable unicast (IANA's special-purpose address
/// registries, RFC 6890 and its updates), with what each one is, for `AddressPolicy.publicOnly`.
enum SpecialPurposeAddresses {
    private struct Block {
        let range: IPAddressRange
        let what: String

        init(_ cidr: String, _ what: String) {
            range = IPAddressRange(cidr)!
            self.what = "\(what) (\(cidr))"
        }
    }

    /// An IPv6 block whose addresses carry an IPv4 address inside; such an address reaches
    /// (through a translator, a tunnel or the host's own stack) the IPv4 one, so it is judged
    /// by that.
    private struct Embedding {
        let range: IPAddressRange
        let what: String
        let embedded: @Sendable (IPAddress) -> [UInt32]
    }

    /// More specific blocks come before the blocks that contain them, so the reason is the
    /// precise one (the metadata address before link-local, broadcast before reserved).
    private static let ipv4: [Block] = [
        Block("0.0.0.0/8", "\"this network\""),
        Block("10.0.0.0/8", "private"),
        Block("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
        Block("127.0.0.0/8", "loopback"),
        Block("169.254.169.254/32", "the cloud metadata address"),
        Block("169.254.0.0/16", "link-local"),
        Block("172.16.0.0/12", "private"),
        Block("192.0.0.0/24", "reserved for IETF protocol assignments"),
        Block("192.0.2.0/24", "documentation (TEST-NET-1)"),
        Block("192.88.99.0/24", "6to4 relay anycast"),
        Block("192.168.0.0/16", "private"),
        Block("198.18.0.0/15", "benchmarking"),
        Block("198.51.100.0/24", "documentation (TEST-NET-2)"),
        Block("203.0.113.0/24", "documentation (TEST-NET-3)"),
        Block("224.0.0.0/4", "multicast"),
        Block("255.255.255.255/32", "broadcast"),
        Block("240.0.0.0/4", "reserved"),
    ]

    private static let ipv6: [Block] = [
        Block("::/128", "unspecified"),
        Block("::1/128", "loopback"),
        Block("100::/64", "discard-only"),
        Block("64:ff9b:1::/48", "local-use NAT64"),
        Block("2001:db8::/32", "documentation"),
        Block("fc00::/7", "unique local (private)"),
        Block("fe80::/10", "link-local"),
        Block("fec0::/10", "site-local"),
        Block("ff00::/8", "multicast"),
    ]

    /// IPv4-mapped addresses (`::ffff:0:0/96`) need no entry: `IPAddress` holds every IPv4
    /// address in that form, so they meet the IPv4 blocks directly.
    private static let embeddings: [Embedding] = [
        Embedding(range: IPAddressRange("::/96")!, what: "an IPv4-compatible address") { [UInt32(truncatingIfNeeded: $0.low)] },
        Embedding(range: IPAddressRange("::ffff:0:0:0/96")!, what: "an IPv4-translated address") { [UInt32(truncatingIfNeeded: $0.low)] },
        Embedding(range: IPAddressRange("64:ff9b::/96")!, what: "a NAT64 address") { [UInt32(truncatingIfNeeded: $0.low)] },
        Embedding(range: IPAddressRange("2002::/16")!, what: "a 6to4 address") { [UInt32(truncatingIfNeeded: $0.high >> 16)] },
        // Teredo: the server's address in clear, the client's with every bit inverted.
        Embedding(range: IPAddressRange("2001::/32")!, what: "a Teredo address") {
            [UInt32(truncatingIfNeeded: $0.high), ~UInt32(truncatingIfNeeded: $0.low)]
        },
    ]

    /// What makes `address` not publicly routable, or nil when it is.
    static func reason(_ address: IPAddress) -> String? {
        if address.isIPv4Mapped {
            return ipv4.first { $0.range.contains(address) }?.what
        }
        // :: and ::1 lie inside the IPv4-compatible block but are IPv6's own.
        if let block = ipv6.prefix(2).first(where: { $0.range.contains(address) }) { return block.what }
        for embedding in embeddings where embedding.range.contains(address) {
            for bits in embedding.embedded(address) {
                let inner = IPAddress(ipv4: bits)
                if let reason = reason(inner) { return "\(embedding.what) embedding \(inner), which is \(reason)" }
            }
        }
        return ipv6.first { $0.range.contains(address) }?.what
    }
}
