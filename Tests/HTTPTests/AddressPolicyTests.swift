import Testing

@testable import HTTP

@Suite struct AddressPolicyTests {
    private func reason(_ text: String) -> String? {
        AddressPolicy.publicOnly.refusal(of: IPAddress(text)!)
    }

    /// Each block's first and last address is refused, with what the block is; the addresses
    /// just outside it are public.
    @Test(arguments: [
        ("0.0.0.0", "0.255.255.255", "this network", "1.0.0.0"),
        ("10.0.0.0", "10.255.255.255", "private", "11.0.0.0"),
        ("100.64.0.0", "100.127.255.255", "carrier-grade NAT", "100.128.0.0"),
        ("127.0.0.0", "127.255.255.255", "loopback", "128.0.0.0"),
        ("169.254.0.0", "169.254.255.255", "link-local", "169.255.0.0"),
        ("172.16.0.0", "172.31.255.255", "private", "172.32.0.0"),
        ("192.0.0.0", "192.0.0.255", "IETF protocol assignments", "192.0.1.0"),
        ("192.0.2.0", "192.0.2.255", "documentation", "192.0.3.0"),
        ("192.88.99.0", "192.88.99.255", "6to4 relay", "192.88.100.0"),
        ("192.168.0.0", "192.168.255.255", "private", "192.169.0.0"),
        ("198.18.0.0", "198.19.255.255", "benchmarking", "198.20.0.0"),
        ("198.51.100.0", "198.51.100.255", "documentation", "198.51.101.0"),
        ("203.0.113.0", "203.0.113.255", "documentation", "203.0.114.0"),
        ("224.0.0.0", "239.255.255.255", "multicast", "223.255.255.255"),
        ("240.0.0.0", "255.255.255.254", "reserved", "223.255.255.254"),
        ("fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "unique local", "fe00::"),
        ("fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "site-local", "2a00:1450::1"),
        ("ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "multicast", "2606:4700::1111"),
        ("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation", "2001:db9::"),
        ("100::", "100::ffff:ffff:ffff:ffff", "discard-only", "100:0:0:1::"),
        ("64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "local-use NAT64", "64:ff9b:2::"),
    ])
    func blocksAndTheirEdges(first: String, last: String, what: String, outside: String) {
        #expect(reason(first)?.contains(what) == true, "\(first): \(reason(first) ?? "allowed")")
        #expect(reason(last)?.contains(what) == true, "\(last): \(reason(last) ?? "allowed")")
        #expect(reason(outside) == nil, "\(outside): \(reason(outside) ?? "allowed")")
    }

    @Test func theMostPreciseReasonIsGiven() {
        #expect(reason("169.254.169.254") == "the cloud metadata address (169.254.169.254/32)")
        #expect(reason("127.0.0.1") == "loopback (127.0.0.0/8)")
        #expect(reason("255.255.255.255") == "broadcast (255.255.255.255/32)")
        #expect(reason("::") == "unspecified (::/128)")
        #expect(reason("::1") == "loopback (::1/128)")
    }

    @Test func publicAddressesAreAllowed() {
        for text in ["8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "172.15.255.255", "2606:4700:4700::1111", "2a00:1450:4001::200e"] {
            #expect(reason(text) == nil, "\(text): \(reason(text) ?? "")")
        }
    }

    /// IPv6 spellings that reach an IPv4 address are judged by it: private inside → refused,
    /// public inside → allowed.
    @Test func embeddedIPv4IsJudgedByTheEmbeddedAddress() {
        // Mapped: the same address as the IPv4 one.
        #expect(reason("::ffff:127.0.0.1") == "loopback (127.0.0.0/8)")
        #expect(reason("::ffff:169.254.169.254") == "the cloud metadata address (169.254.169.254/32)")
        #expect(reason("::ffff:8.8.8.8") == nil)
        // Compatible (deprecated ::a.b.c.d).
        #expect(reason("::10.1.2.3") == "an IPv4-compatible address embedding 10.1.2.3, which is private (10.0.0.0/8)")
        #expect(reason("::8.8.8.8") == nil)
        // SIIT translated.
        #expect(reason("::ffff:0:192.168.1.1")?.contains("embedding 192.168.1.1, which is private") == true)
        // NAT64.
        #expect(reason("64:ff9b::7f00:1") == "a NAT64 address embedding 127.0.0.1, which is loopback (127.0.0.0/8)")
        #expect(reason("64:ff9b::a9fe:a9fe")?.contains("cloud metadata") == true)
        #expect(reason("64:ff9b::808:808") == nil)
        // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
        #expect(reason("2002:c0a8:0101::1") == "a 6to4 address embedding 192.168.1.1, which is private (192.168.0.0/16)")
        #expect(reason("2002:7f00:1::") == "a 6to4 address embedding 127.0.0.1, which is loopback (127.0.0.0/8)")
        #expect(reason("2002:808:808::1") == nil)
        // Teredo: server in clear (bits 32–63), client inverted (last 32 bits).
        #expect(reason("2001:0:0a00:0001::f7f7:f7f7")?.contains("embedding 10.0.0.1") == true)
        #expect(reason("2001:0:808:808::80ff:fffe")?.contains("embedding 127.0.0.1, which is loopback") == true)
        #expect(reason("2001:0:808:808::f7f7:f7f7") == nil)
    }

    @Test func allowPrivateAllowsEverything() {
        for text in ["127.0.0.1", "::1", "10.0.0.1", "169.254.169.254", "fe80::1", "64:ff9b::7f00:1", "8.8.8.8"] {
            #expect(AddressPolicy.allowPrivate.refusal(of: IPAddress(text)!) == nil)
        }
    }

    @Test func addressesPrintInTheirUsualForm() {
        #expect(IPAddress("127.0.0.1")!.description == "127.0.0.1")
        #expect(IPAddress("::ffff:10.0.0.1")!.description == "10.0.0.1")
        #expect(IPAddress("2001:DB8:0:0::7")!.description == "2001:db8::7")
        #expect(IPAddress(ipv4: 0x7F00_0001) == IPAddress("127.0.0.1"))
    }
}
