import Testing

@testable import HTTP

@Suite struct ResponseSerializerTests {
    private let date = Array("Sun, 29 Nov 2026 12:00:00 GMT".utf8)

    private func serialize(_ response: Response, _ configure: (inout ResponseSerializer.Framing) -> Void = { _ in }) -> String {
        var framing = ResponseSerializer.Framing()
        configure(&framing)
        let encoded = ResponseSerializer.encode(response, framing: framing, date: date)
        return String(decoding: encoded.head + encoded.body, as: UTF8.self)
    }

    @Test func framingFieldsAreTheServersOwnAndNeverDuplicated() {
        var response = Response.json(Array("{}".utf8))
        response.headers.add("Content-Length", "999")
        response.headers.add("Connection", "keep-alive")
        response.headers.add("Date", "yesterday")
        response.headers.add("transfer-encoding", "chunked")
        response.headers.add("X-Request-ID", "forged")
        response.headers.add("Keep-Alive", "timeout=5")
        response.headers.add("X-Content-Type-Options", "sniff")
        // Fields as long as framing ones (ETag and Date, Content-Type and X-Request-ID) stay.
        response.headers.add("ETag", "\"1\"")
        let text = serialize(response) { $0.requestID = "abc" }
        #expect(
            text
                == "HTTP/1.1 200 OK\r\nDate: Sun, 29 Nov 2026 12:00:00 GMT\r\nX-Content-Type-Options: nosniff\r\nContent-Type: application/json; charset=utf-8\r\nETag: \"1\"\r\nX-Request-ID: abc\r\nContent-Length: 2\r\n\r\n{}"
        )
    }

    @Test func headKeepsTheLengthButSendsNoBody() {
        let text = serialize(Response(body: Array("hello".utf8))) { $0.headOnly = true }
        #expect(text.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test func noContentAndNotModifiedCarryNoLength() {
        #expect(!serialize(Response(status: .noContent)).contains("Content-Length"))
        #expect(!serialize(Response(status: .notModified)).contains("Content-Length"))
    }

    @Test func connectionFieldFollowsTheDecision() {
        #expect(serialize(Response()) { $0.close = true }.contains("\r\nConnection: close\r\n"))
        #expect(serialize(Response()) { $0.confirmKeepAlive = true }.contains("\r\nConnection: keep-alive\r\n"))
        #expect(!serialize(Response()).contains("Connection"))
    }

    @Test func lineBreaksInValuesCannotInjectFields() {
        var response = Response()
        response.headers.set("Location", "/a\r\nSet-Cookie: x=1")
        #expect(serialize(response).contains("Location: /a  Set-Cookie: x=1\r\n"))
        var bare = Response()
        bare.headers.set("Link", "</b>\nX-Injected: 1\u{0}2")
        bare.headers.set("Vary", "Authorization")
        let text = serialize(bare)
        #expect(text.contains("Link: </b> X-Injected: 1 2\r\nVary: Authorization\r\n"), "a bare LF and a NUL are mended too, and only in their value")
    }

    @Test func dateIsAnIMFFixdate() {
        #expect(String(decoding: DateCache.format(0), as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(String(decoding: DateCache.format(1_783_080_000), as: UTF8.self) == "Fri, 03 Jul 2026 12:00:00 GMT")
    }
}
