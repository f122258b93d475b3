import Foundation
import Testing

/// Route policies on the real binary, over real sockets, through the trusted loopback proxy
/// with `X-Forwarded-For` as nginx or Caddy would send it.
@Suite struct RoutePolicyEndToEndTests {
    @Test func aPercentEncodedSearchPathIsLimitedAsASearch() throws {
        let server = try ServerProcess(["--searches-per-minute", "1", "--searches-burst", "1"])
        defer { _ = server.stop() }
        let connection = try RawConnection(port: server.port)
        let client = ["X-Forwarded-For": "203.0.113.9"]
        #expect(try connection.request("GET", "/api/v1/search?q=x", headers: client).status == 200)
        for path in ["/api/v1/%73earch?q=x", "/api/v1/%73%65%61%72%63%68?q=y", "/api/%76%31/search?q=z"] {
            let refused = try connection.request("GET", path, headers: client)
            #expect(refused.status == 429, "\(path)")
            #expect(refused.header("Retry-After") == "60", "\(path)")
        }
        // Another client behind the proxy still searches.
        #expect(try connection.request("GET", "/api/v1/%73earch?q=x", headers: ["X-Forwarded-For": "203.0.113.10"]).status == 200)
    }

    @Test func anAnonymousWriteIsRefusedBeforeItsBody() throws {
        let server = try ServerProcess()
        defer { _ = server.stop() }
        let connection = try RawConnection(port: server.port)
        try connection.send(
            "POST /api/v1/articles HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.9\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: 500000\r\n\r\n")
        let refused = try connection.readResponse(interim: true)
        #expect(refused.status == 401)
        #expect(refused.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(connection.isClosedByServer())

        // Without Expect, with most of a large body still to come: answered at once all the same.
        let started = Date()
        let other = try RawConnection(port: server.port)
        try other.send(
            "POST /api/v1/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer wrong-token-123\r\n"
                + "Content-Type: application/json\r\nContent-Length: 900000\r\n\r\n{\"title\":")
        #expect(try other.readResponse().status == 401)
        #expect(Date().timeIntervalSince(started) < 5)

        // An editor's upload gets its 100 Continue.
        let editor = try RawConnection(port: server.port)
        let body = #"{"title":"خبر","status":"published","body":"نص"}"#
        try editor.send(
            "POST /api/v1/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(ServerProcess.adminToken)\r\n"
                + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        #expect(try editor.readResponse(interim: true).status == 100)
        try editor.send(body)
        #expect(try editor.readResponse().status == 201)
    }

    @Test func guessingTokensIsThrottledPerClient() throws {
        let server = try ServerProcess(["--auth-failures-per-minute", "2", "--auth-failures-burst", "2"])
        defer { _ = server.stop() }
        let connection = try RawConnection(port: server.port)
        func attempt(_ token: String, from client: String) throws -> RawConnection.Response {
            try connection.request("GET", "/api/v1/articles", headers: ["X-Forwarded-For": client, "Authorization": "Bearer \(token)"])
        }
        #expect(try attempt("guess-1-abcdefgh", from: "203.0.113.9").status == 401)
        #expect(try attempt("guess-2-abcdefgh", from: "203.0.113.9").status == 401)
        let refused = try attempt(ServerProcess.adminToken, from: "203.0.113.9")
        #expect(refused.status == 429)
        #expect(refused.header("Retry-After") == "30")
        #expect(try attempt(ServerProcess.adminToken, from: "203.0.113.10").status == 200)
    }
}
