import Testing

@testable import HTTP

/// Field names compare without regard to ASCII case (RFC 9110 §5.1), and only ASCII case.
@Suite struct HeadersTests {
    @Test func namesMatchWhateverTheirASCIICase() {
        var headers = Headers()
        headers.set("Content-Type", "text/plain")
        headers.set("content-TYPE", "application/json")
        #expect(headers.fields.count == 1)
        #expect(headers["CONTENT-type"] == "application/json")
        headers.add("X-Note", "a")
        headers.add("x-note", "b")
        #expect(headers.values("X-NOTE") == ["a", "b"])
        headers.remove("x-NOTE")
        #expect(!headers.contains("X-Note") && headers.contains("content-type"))
    }

    @Test func namesOfTheSameLengthThatDifferDoNotMatch() {
        #expect(!Headers.equalIgnoringASCIICase("etag", "vary"))
        #expect(!Headers.equalIgnoringASCIICase("x-a", "x-b"))
        #expect(!Headers.equalIgnoringASCIICase("x-a", "x-ab"))
        // Only A–Z fold: `@` (0x40) and `[` (0x5B) are not `` ` `` (0x60) and `{` (0x7B).
        #expect(!Headers.equalIgnoringASCIICase("@", "`") && !Headers.equalIgnoringASCIICase("[", "{"))
        #expect(Headers.equalIgnoringASCIICase("", ""))
        #expect(Headers.equalIgnoringASCIICase("Accept-Encoding", "accept-encoding"))
    }
}
