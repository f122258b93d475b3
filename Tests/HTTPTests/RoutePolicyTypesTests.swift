import Testing

@testable import HTTP

/// The values a route policy is made of, and who a client is.
@Suite struct RoutePolicyTypesTests {
    @Test func permissionsAdmitByAuthenticationAndRole() {
        let editor = Caller.authenticated(identity: "e", roles: ["editor"])
        let contributor = Caller.authenticated(identity: "c", roles: ["contributor"])
        #expect(Permission.public.admits(.anonymous))
        #expect(!Permission.token.admits(.anonymous))
        #expect(Permission.token.admits(contributor))
        let editing = Permission.anyRole(["editor", "admin"])
        #expect(editing.admits(editor))
        #expect(!editing.admits(contributor))
        #expect(!editing.admits(.anonymous))
        #expect(!editing.admitsAnonymous)
        #expect(["\(Permission.public)", "\(Permission.token)", "\(editing)"] == ["public", "token", "role:admin|editor"])
    }

    @Test func anIPv6ClientIsItsPrefixAndAnIPv4ClientItsAddress() {
        #expect(ClientKey("2001:db8:1:2::1") == ClientKey("2001:db8:1:2:abcd::ffff"))
        #expect(ClientKey("2001:db8:1:2::1") != ClientKey("2001:db8:1:3::1"))
        #expect(ClientKey("2001:db8:1:2::1", ipv6Prefix: 128) != ClientKey("2001:db8:1:2::2", ipv6Prefix: 128))
        #expect(ClientKey("2001:db8:1:2::1", ipv6Prefix: 48) == ClientKey("2001:db8:1:ffff::2", ipv6Prefix: 48))
        // IPv4, in either spelling, is never cut.
        #expect(ClientKey("203.0.113.7") == ClientKey("::ffff:203.0.113.7"))
        #expect(ClientKey("203.0.113.7") != ClientKey("203.0.113.8"))
        // What is not an address is keyed by its text.
        #expect(ClientKey("unknown") == ClientKey("unknown"))
        #expect(ClientKey("unknown") != ClientKey("other"))
    }

    @Test func theClientIsComputedOnceWithItsExemption() {
        let identification = ClientIdentification()
        let proxied = Request(
            method: .get, target: "/", headers: Headers([("x-forwarded-for", "2001:db8::9")]), peerAddress: "127.0.0.1")
        // The key is the client's /64; the address is the one the proxy forwarded, as sent.
        #expect(identification.client(of: proxied) == Client(key: ClientKey("2001:db8::1"), isLimited: true, address: "2001:db8::9"))
        let local = Request(method: .get, target: "/", peerAddress: "127.0.0.1")
        #expect(identification.client(of: local).isLimited == false)
        let inProcess = Request(method: .get, target: "/")
        #expect(identification.client(of: inProcess).isLimited == false)
        // Connections: the proxy and this machine carry many clients and are not counted.
        #expect(identification.peer("127.0.0.1").connectionKey == nil)
        #expect(identification.peer("::1").connectionKey == nil)
        #expect(identification.peer("198.51.100.4").connectionKey == ClientKey("198.51.100.4"))
        // A direct client is its peer, whatever X-Forwarded-For it sends; the peer is parsed
        // once per connection, and a request on it needs no address parsing.
        let direct = identification.peer("2001:db8::7")
        let spoofing = Request(method: .get, target: "/", headers: Headers([("x-forwarded-for", "203.0.113.1")]), peerAddress: "2001:db8::7")
        #expect(identification.client(of: spoofing, from: direct) == Client(key: ClientKey("2001:db8::1"), isLimited: true, address: "2001:db8::7"))
        #expect(identification.client(of: local, from: identification.peer("127.0.0.1")).isLimited == false)
        #expect(identification.client(of: proxied, from: identification.peer("127.0.0.1")) == identification.client(of: proxied))
    }

    @Test func peekingAtABucketTakesNothing() {
        let limiter = RateLimiter<String>(RateLimit(1, per: .seconds(60), burst: 1))
        #expect(limiter.peek("a", now: 0) == .admitted)
        #expect(limiter.peek("a", now: 0) == .admitted)
        #expect(limiter.admit("a", now: 0) == .admitted)
        #expect(limiter.peek("a", now: 0) == .refused(retryAfter: .seconds(60)))
        #expect(limiter.peek("a", now: 30_000_000_000) == .refused(retryAfter: .seconds(30)))
        #expect(limiter.peek("a", now: 60_000_000_000) == .admitted)
    }
}
