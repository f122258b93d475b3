import Testing

@testable import HTTP

/// Edge cases a conformance probe found: heads that can never become valid must be refused as
/// soon as that is certain, not after the header timeout, and chunked bodies are bounded by
/// bytes, never by a count of chunks.
@Suite struct ParserConformanceEdgeTests {
    private let chunkedHead = "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test func requestLineWithoutVersionIsRefusedWhenItEnds() {
        // HTTP/0.9's `GET /path`: no field and no empty line will ever follow.
        #expect(parseEverySplit("GET /path\r\n") == [.failed(400)])
        #expect(parseEverySplit("GET /\r\n") == [.failed(400)])
        // Any request line that cannot parse is refused before the fields arrive.
        #expect(parseEverySplit("GET / HTTP/1.1 x\r\n") == [.failed(400)])
        #expect(parseEverySplit("GET / HTTP/2.0\r\n") == [.failed(505)])
        #expect(parseEverySplit("GET relative HTTP/1.1\r\n") == [.failed(400)])
    }

    @Test func unfinishedValidRequestLineStillWaits() {
        #expect(parseEverySplit("GET /path HTTP/1.1\r\n").isEmpty)
        #expect(parseEverySplit("GET /path HTTP/1.1\r\nHost: h\r\n").isEmpty)
        #expect(parseEverySplit("GET /path HTTP/1.1\r").isEmpty)
    }

    @Test func bareCarriageReturnsInTheHeadAreRefusedAtOnce() {
        #expect(parseEverySplit("GET / HTTP/1.1\rHost: h\r\r") == [.failed(400)])
        #expect(parseEverySplit("GET / HTTP/1.1\r\nHost: h\rAccept: */*\r\r") == [.failed(400)])
        #expect(parseEverySplit("GET / HTTP/1.1\r\nHost: h\r\n\r") == [])
        // A CR that arrived last in one read is bare once the next read starts with another byte.
        #expect(parse(chunks: [Array("GET / HTTP/1.1\r".utf8), Array("H".utf8)]) == [.failed(400)])
        #expect(parse(chunks: [Array("GET / HTTP/1.1\r\nHost: h\r".utf8), Array("\r".utf8)]) == [.failed(400)])
    }

    @Test func bareCarriageReturnsInChunkedFramingAreRefusedAtOnce() {
        #expect(parseEverySplit(chunkedHead + "5\rhello") == [.failed(400)])
        #expect(parseEverySplit(chunkedHead + "5;a=b\rhello") == [.failed(400)])
        #expect(parseEverySplit(chunkedHead + "0\r\nA: b\rC") == [.failed(400)])
        #expect(parseEverySplit(chunkedHead + "5\r\nhello\rx") == [.failed(400)])
    }

    @Test func fragmentInTheTargetIsRefused() {
        #expect(parseEverySplit("GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n") == [.failed(400)])
        #expect(parseEverySplit("GET /a?q=1#top HTTP/1.1\r\nHost: h\r\n\r\n") == [.failed(400)])
        #expect(parseEverySplit("GET /# HTTP/1.1\r\nHost: h\r\n\r\n") == [.failed(400)])
        #expect(parseEverySplit("GET http://h/a#b HTTP/1.1\r\nHost: h\r\n\r\n") == [.failed(400)])
        // Refused when the request line ends, before any field.
        #expect(parseEverySplit("GET /a#b HTTP/1.1\r\n") == [.failed(400)])
        // Percent-encoded, `#` is an ordinary byte of a path.
        #expect(parseEverySplit("GET /a%23b HTTP/1.1\r\nHost: h\r\n\r\n").count == 1)
    }

    @Test func thousandOneByteChunksAreABody() {
        let text = chunkedHead + String(repeating: "1\r\nx\r\n", count: 1000) + "0\r\n\r\n"
        let expected = Parsed.request(
            method: "POST", target: "/a", version: .http1_1, headers: ["host: h", "transfer-encoding: chunked"],
            body: String(repeating: "x", count: 1000), keepAlive: true)
        #expect(parse(chunks: [Array(text.utf8)]) == [expected])
        #expect(parse(chunks: Array(text.utf8).map { [$0] }) == [expected])
    }

    @Test func aFullSizeBodyFitsInOneByteChunks() {
        var limits = ParserLimits()
        limits.maxBodySize = 100_000
        let text = chunkedHead + String(repeating: "1\r\nx\r\n", count: 100_000) + "0\r\n\r\n"
        guard case .request(_, _, _, _, let body, _)? = parse(chunks: [Array(text.utf8)], limits: limits).first else {
            Issue.record("the body was refused")
            return
        }
        #expect(body.utf8.count == 100_000)
    }

    @Test func chunkFramingIsBoundedByBytes() {
        var limits = ParserLimits()
        limits.maxBodySize = 1000
        // 1000 body bytes, each chunk carrying a 100-byte extension: far more framing than data.
        let extensionText = ";x=" + String(repeating: "e", count: 97)
        let chunk = "1\(extensionText)\r\nx\r\n"
        let text = chunkedHead + String(repeating: chunk, count: 1000) + "0\r\n\r\n"
        #expect(parse(chunks: [Array(text.utf8)], limits: limits) == [.failed(413)])
        // Refused once the allowance is passed, without waiting for the rest of the body.
        let chunksWithinAllowance = limits.maxChunkFramingBytes / (chunk.utf8.count - 1)
        let prefix = chunkedHead + String(repeating: chunk, count: chunksWithinAllowance + 1)
        #expect(parse(chunks: [Array(prefix.utf8)], limits: limits) == [.failed(413)])
        #expect(parse(chunks: [Array((chunkedHead + String(repeating: chunk, count: chunksWithinAllowance - 1)).utf8)], limits: limits).isEmpty)
    }

    @Test func framingAllowanceStartsOverForTheNextRequest() {
        var limits = ParserLimits()
        limits.maxBodySize = 10
        let body = String(repeating: "1\r\nx\r\n", count: 10) + "0\r\n\r\n"
        let events = parse(chunks: [Array(String(repeating: chunkedHead + body, count: 3000).utf8)], limits: limits)
        #expect(events.count == 3000)
        #expect(!events.contains(.failed(413)))
    }
}
