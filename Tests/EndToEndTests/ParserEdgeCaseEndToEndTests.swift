import Foundation
import Testing

/// Over a real socket: heads that can never become valid are answered with 400 and closed at
/// once, not held until the header timeout; a body in many tiny chunks is read whole.
@Suite struct ParserEdgeCaseEndToEndTests {
    /// Sends `bytes` to a server whose header timeout is far away, and returns the answer with
    /// how long it took; the connection must be closed right after it.
    private func answerAndClose(_ bytes: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (RawConnection.Response, TimeInterval) {
        let server = try ServerProcess(["--header-timeout", "30"])
        let connection = try server.connect()
        // Longer than "at once", far shorter than the header timeout.
        connection.setTimeout(5)
        let started = Date()
        try connection.send(bytes)
        let response = try connection.readResponse()
        let elapsed = Date().timeIntervalSince(started)
        #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(connection.isClosedByServer(), "the connection stays open", sourceLocation: sourceLocation)
        return (response, elapsed)
    }

    @Test func http09RequestLineIsAnsweredAtOnce() throws {
        let (response, elapsed) = try answerAndClose("GET /healthz\r\n")
        #expect(response.status == 400)
        #expect(response.bodyText.contains("HTTP/0.9"))
        #expect(elapsed < 2, "answered after \(elapsed) s")
    }

    @Test func bareCarriageReturnLinesAreAnsweredAtOnce() throws {
        let (response, elapsed) = try answerAndClose("GET /healthz HTTP/1.1\rHost: h\r\r")
        #expect(response.status == 400)
        #expect(response.bodyText.contains("bare CR"))
        #expect(elapsed < 2, "answered after \(elapsed) s")
    }

    @Test func fragmentInTheTargetIsRefused() throws {
        let (response, _) = try answerAndClose("GET /healthz#top HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(response.status == 400)
    }

    @Test func thousandOneByteChunksMakeOneBody() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        let name = "أخبار"
        let json = Array(#"{"name":"\#(name)"}"#.utf8)
        var request = Array(
            ("POST /api/v1/categories HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer \(ServerProcess.adminToken)\r\n\r\n").utf8)
        // The JSON, then spaces after it up to 1,000 bytes, each byte a chunk of its own.
        for byte in json + Array(repeating: UInt8(ascii: " "), count: 1000 - json.count) {
            request += Array("1\r\n".utf8) + [byte] + Array("\r\n".utf8)
        }
        request += Array("0\r\n\r\n".utf8)
        try connection.send(request)
        let response = try connection.readResponse()
        #expect(response.status == 201, "\(response.bodyText)")
        #expect(response.json["name"] as? String == name)
    }
}
