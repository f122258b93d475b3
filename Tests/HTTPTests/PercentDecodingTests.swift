import Testing

@testable import HTTP

/// Percent-decoding of path segments and query components (RFC 3986 §2.1): escapes become
/// UTF-8 bytes, a broken escape or bytes that are not UTF-8 are refused, `+` is a space only
/// in a form component.
struct PercentDecodingTests {
    private func decode(_ text: String, _ mode: PercentDecoding.Mode = .pathSegment) -> String? {
        // A slice in the middle of a longer text, as the router hands segments over.
        PercentDecoding.decode(Substring("/" + text + "/").dropFirst().dropLast(), mode: mode)
    }

    @Test func escapesBecomeUTF8Text() {
        #expect(decode("%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9") == "سياسة")
        #expect(decode("%d8%b3-news") == "س-news", "hex digits in either case")
        #expect(decode("plain-slug") == "plain-slug")
        #expect(decode("") == "")
        #expect(decode("100%25") == "100%")
    }

    @Test func brokenEscapesAndBytesThatAreNotUTF8AreRefused() {
        for broken in ["%", "%4", "a%4", "%zz", "%4g", "%D8", "%FF", "%C0%AF"] {
            #expect(decode(broken) == nil, "\(broken)")
            #expect(decode(broken, .formComponent) == nil, "\(broken)")
        }
    }

    @Test func plusIsASpaceOnlyInAFormComponent() {
        #expect(decode("a+b") == "a+b")
        #expect(decode("a+b", .formComponent) == "a b")
        #expect(decode("a%2Bb", .formComponent) == "a+b")
        #expect(decode("%D8%B3+%D9%8A", .formComponent) == "س ي")
    }
}
