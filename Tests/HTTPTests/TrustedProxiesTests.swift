import Testing

@testable import HTTP

@Suite struct TrustedProxiesTests {
    private func request(peer: String, forwardedFor fields: [String] = []) -> Request {
        Request(method: .post, target: "/", headers: Headers(lowercasedFields: fields.map { ("x-forwarded-for", $0) }), peerAddress: peer)
    }

    private func ranges(_ texts: String...) -> TrustedProxies {
        TrustedProxies(texts.map { IPAddressRange($0)! })
    }

    @Test func aDirectClientIsItsPeerWhateverItClaims() {
        let proxies = TrustedProxies.loopback
        #expect(proxies.clientAddress(of: request(peer: "203.0.113.7")) == "203.0.113.7")
        #expect(proxies.clientAddress(of: request(peer: "203.0.113.7", forwardedFor: ["198.51.100.1"])) == "203.0.113.7")
    }

    @Test func behindALoopbackProxyTheClientIsTheAddressTheProxyAppended() {
        let proxies = TrustedProxies.loopback
        #expect(proxies.clientAddress(of: request(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"])) == "198.51.100.1")
        #expect(proxies.clientAddress(of: request(peer: "::1", forwardedFor: ["2001:db8::5"])) == "2001:db8::5")
        // A listener on :: sees IPv4 peers as mapped addresses.
        #expect(proxies.clientAddress(of: request(peer: "::ffff:127.0.0.1", forwardedFor: ["198.51.100.1"])) == "198.51.100.1")
    }

    @Test func entriesLeftOfTheFirstUntrustedOneAreTheClientsOwnClaimsAndIgnored() {
        let proxies = TrustedProxies.loopback
        let spoofed = request(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.1"])
        #expect(proxies.clientAddress(of: spoofed) == "198.51.100.1")
        // Several fields are one list, in order.
        let split = request(peer: "127.0.0.1", forwardedFor: ["6.6.6.6", " 198.51.100.1 "])
        #expect(proxies.clientAddress(of: split) == "198.51.100.1")
    }

    @Test func chainedTrustedProxiesAreWalkedThrough() {
        let proxies = ranges("127.0.0.1", "10.0.0.0/8")
        let chained = request(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.1, 10.1.2.3"])
        #expect(proxies.clientAddress(of: chained) == "198.51.100.1")
        // When every entry is a proxy, the left-most one is as far as anyone can tell.
        #expect(proxies.clientAddress(of: request(peer: "127.0.0.1", forwardedFor: ["10.9.9.9, 10.1.2.3"])) == "10.9.9.9")
    }

    @Test func aTrustedPeerWithoutTheHeaderIsTheClient() {
        #expect(TrustedProxies.loopback.clientAddress(of: request(peer: "127.0.0.1")) == "127.0.0.1")
        #expect(TrustedProxies.loopback.clientAddress(of: request(peer: "127.0.0.1", forwardedFor: [" , "])) == "127.0.0.1")
    }

    @Test func withNoTrustedProxiesTheHeaderIsNeverRead() {
        let none = TrustedProxies([])
        #expect(none.clientAddress(of: request(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"])) == "127.0.0.1")
    }

    @Test func aMalformedEntryIsNotTrustedAndBecomesTheClient() {
        let proxies = TrustedProxies.loopback
        #expect(proxies.clientAddress(of: request(peer: "127.0.0.1", forwardedFor: ["198.51.100.1, unknown"])) == "unknown")
    }

    @Test func rangesParseAndMatch() throws {
        let ipv4 = try #require(IPAddressRange("172.16.0.0/12"))
        #expect(ipv4.contains(IPAddress("172.17.0.1")!))
        #expect(ipv4.contains(IPAddress("172.31.255.255")!))
        #expect(!ipv4.contains(IPAddress("172.32.0.1")!))
        #expect(ipv4.contains(IPAddress("::ffff:172.20.0.1")!))
        let ipv6 = try #require(IPAddressRange("fd00::/8"))
        #expect(ipv6.contains(IPAddress("fd12:3456::1")!))
        #expect(!ipv6.contains(IPAddress("fe80::1")!))
        #expect(IPAddressRange("0.0.0.0/0")!.contains(IPAddress("8.8.8.8")!))
        #expect(!IPAddressRange("0.0.0.0/0")!.contains(IPAddress("2001:db8::1")!))
        #expect(IPAddressRange("::/0")!.contains(IPAddress("2001:db8::1")!))
        #expect(IPAddressRange("2001:db8::1/128")!.contains(IPAddress("2001:db8::1")!))
        #expect(!IPAddressRange("2001:db8::1/128")!.contains(IPAddress("2001:db8::2")!))
        for invalid in ["", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "1.2.3.4:80", "fe80::1%eth0"] {
            #expect(IPAddressRange(invalid) == nil, "\(invalid)")
        }
        #expect(IPAddress("127.0.0.1") == IPAddress("::ffff:127.0.0.1"))
    }
}
