import TestSupport
import Testing

@testable import HTTP

@Suite struct OutboundURLTests {
    @Test(arguments: [
        ("http://example.com", "http://example.com/", "example.com", 80, "/"),
        ("https://Example.COM/hooks?a=1&b=%20", "https://example.com/hooks?a=1&b=%20", "example.com", 443, "/hooks?a=1&b=%20"),
        ("HTTPS://hooks.example.com:8443/x", "https://hooks.example.com:8443/x", "hooks.example.com", 8443, "/x"),
        ("http://example.com:80/", "http://example.com/", "example.com", 80, "/"),
        ("http://example.com?q=1", "http://example.com/?q=1", "example.com", 80, "/?q=1"),
        ("http://203.0.113.7:8080/in", "http://203.0.113.7:8080/in", "203.0.113.7", 8080, "/in"),
        ("http://[2001:DB8::7]/in", "http://[2001:db8::7]/in", "2001:db8::7", 80, "/in"),
        ("https://[::1]:9000", "https://[::1]:9000/", "::1", 9000, "/"),
        ("http://xn--mgbh0fb.example/", "http://xn--mgbh0fb.example/", "xn--mgbh0fb.example", 80, "/"),
        ("http://my_receiver:8000/hook", "http://my_receiver:8000/hook", "my_receiver", 8000, "/hook"),
        ("http://localhost/", "http://localhost/", "localhost", 80, "/"),
    ])
    func accepts(_ text: String, description: String, host: String, port: Int, target: String) throws {
        let url = try OutboundURL(text)
        #expect(url.description == description)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.target == target)
    }

    @Test func literalsCarryTheirAddress() throws {
        #expect(try OutboundURL("http://127.0.0.1/").address == IPAddress("127.0.0.1"))
        #expect(try OutboundURL("http://[::ffff:10.0.0.1]/").address == IPAddress("10.0.0.1"))
        #expect(try OutboundURL("http://example.com/").address == nil)
        #expect(try OutboundURL("https://example.com/").scheme == .https)
    }

    @Test(arguments: [
        ("ftp://example.com/", "only http and https"),
        ("example.com/hook", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http:/example.com/", "only http and https"),
        ("http://user:secret@example.com/", "user information"),
        ("http://example.com@127.0.0.1/", "user information"),
        ("http://example.com/#top", "fragments"),
        ("http://example.com/a b", "space or control"),
        ("http://example.com/\t", "space or control"),
        ("http://example.com/\u{7F}", "space or control"),
        ("http://exämple.com/", "non-ASCII"),
        ("http://example.com/خبر", "non-ASCII"),
        ("http:///path", "no host"),
        ("http://:80/", "no host"),
        ("http://example.com:0/", "port"),
        ("http://example.com:65536/", "port"),
        ("http://example.com:/", "port"),
        ("http://example.com:8a/", "port"),
        ("http://example.com:+80/", "port"),
        ("http://2130706433/", "dotted-quad"),
        ("http://0x7f.0.0.1/", "dotted-quad"),
        ("http://0x7f000001/", "dotted-quad"),
        ("http://127.1/", "dotted-quad"),
        ("http://127.000.0.1/", "dotted-quad"),
        ("http://256.0.0.1/", "dotted-quad"),
        ("http://example.123/", "dotted-quad"),
        ("http://[::1/", "unclosed"),
        ("http://[fe80::1%25eth0]/", "zone"),
        ("http://[127.0.0.1]/", "not an IPv6 address"),
        ("http://[example.com]/", "not an IPv6 address"),
        ("http://[::1]x/", "after ]"),
        ("http://-example.com/", "characters"),
        ("http://example-.com/", "characters"),
        ("http://exa$mple.com/", "characters"),
        ("http://example..com/", "empty or over-long label"),
        ("http://example.com./", "empty or over-long label"),
        ("http://example.com/a%2", "two hexadecimal digits"),
        ("http://example.com/a%zz", "two hexadecimal digits"),
        ("http://example.com/<script>", "percent-encoded"),
        ("http://example.com/a\"b", "percent-encoded"),
        ("http://example.com/a\\b", "percent-encoded"),
    ])
    func refuses(_ text: String, reason: String) {
        let error = expectError(OutboundError.self) { try OutboundURL(text) }
        guard case .invalidURL(let message)? = error else {
            Issue.record("\(text): \(String(describing: error))")
            return
        }
        #expect(message.contains(reason), "\(text): \(message)")
    }

    @Test func overLongURLsAndNamesAreRefused() {
        let long = "http://example.com/" + String(repeating: "a", count: OutboundURL.maximumLength)
        #expect(expectError(OutboundError.self) { try OutboundURL(long) }?.description.contains("longer than 2048") == true)
        let label = String(repeating: "a", count: 64)
        #expect(expectError(OutboundError.self) { try OutboundURL("http://\(label).com/") } != nil)
        let name = Array(repeating: String(repeating: "a", count: 60), count: 5).joined(separator: ".")
        #expect(expectError(OutboundError.self) { try OutboundURL("http://\(name)/") }?.description.contains("253") == true)
        #expect((try? OutboundURL("http://\(String(repeating: "a", count: 63)).com/")) != nil)
    }
}
