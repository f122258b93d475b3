import Foundation
import Testing

/// The real binary over real sockets: what a client, curl, or an attacker sees.
@Suite struct HTTPServerTests {
    @Test func healthzWithCurl() throws {
        let server = try ServerProcess()
        let result = try CommandResult.curl(["--include", "\(server.url)/healthz"])
        #expect(result.status == 0)
        let response = result.output
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(response.contains("\r\nContent-Type: application/json; charset=utf-8\r\n"))
        #expect(response.contains("\r\nContent-Length: 15\r\n"))
        #expect(response.contains("\r\nDate: "))
        #expect(response.contains("\r\nX-Request-ID: "))
        #expect(response.hasSuffix("\r\n\r\n{\"status\":\"ok\"}"))
    }

    @Test func headWithCurlHasLengthButNoBody() throws {
        let server = try ServerProcess()
        let result = try CommandResult.curl(["--head", "\(server.url)/healthz"])
        #expect(result.output.contains("Content-Length: 15\r\n"))
        #expect(result.output.hasSuffix("\r\n\r\n"))
    }

    @Test func curlReusesOneConnectionForManyRequests() throws {
        let server = try ServerProcess()
        let urls = Array(repeating: "\(server.url)/healthz", count: 5)
        let result = try CommandResult.curl(["--verbose", "--output", "/dev/null"] + urls)
        #expect(result.status == 0)
        #expect(result.errors.components(separatedBy: "Re-using existing connection").count - 1 == 4)
    }

    @Test func keepAliveServesAHundredRequestsOnOneSocket() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        for number in 0..<100 {
            try connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: r\(number)\r\n\r\n")
            let response = try connection.readResponse()
            #expect(response.status == 200)
            #expect(response.header("X-Request-ID") == "r\(number)")
            #expect(response.header("Connection") == nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        let requests = (1...5).map { "GET /healthz HTTP/1.1\r\nHost: h\r\nX-Request-ID: p\($0)\r\n\r\n" }.joined()
        try connection.send(requests + "GET /missing HTTP/1.1\r\nHost: h\r\nX-Request-ID: p6\r\n\r\n")
        let responses = try (1...6).map { _ in try connection.readResponse() }
        #expect(responses.map { $0.header("X-Request-ID") } == ["p1", "p2", "p3", "p4", "p5", "p6"])
        #expect(responses.map(\.status) == [200, 200, 200, 200, 200, 404])
    }

    /// Listings a worker rendered once are answered from memory on the I/O loop; pipelined
    /// behind and between requests that go to workers, every answer still comes in order.
    @Test func pipelinedAnswersFromMemoryAndFromWorkersStayInOrder() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        try connection.send("GET /api/v1/articles HTTP/1.1\r\nHost: h\r\n\r\n")
        let first = try connection.readResponse()
        #expect(first.status == 200)
        let count = 300
        let requests = (0..<count).map { number in
            let target = number % 50 == 49 ? "/healthz" : "/api/v1/articles"
            return "GET \(target) HTTP/1.1\r\nHost: h\r\nX-Request-ID: p\(number)\r\n\r\n"
        }
        try connection.send(requests.joined())
        let responses = try (0..<count).map { _ in try connection.readResponse() }
        #expect(responses.map { $0.header("X-Request-ID") } == (0..<count).map { "p\($0)" })
        #expect(responses.allSatisfy { $0.status == 200 })
        #expect(responses.filter { $0.header("ETag") == first.header("ETag") }.count == count - count / 50)
        #expect(responses.last?.bodyText == #"{"status":"ok"}"#)
    }

    @Test func chunkedUploadIsFramedExactly() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        // The POST is refused (405), but the GET behind it is only answered if the server found
        // exactly where the chunked body ended.
        try connection.send("POST /healthz HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n")
        try connection.send("4;x=y\r\nwiki\r\n5\r\npedia\r\n0\r\nTrailer: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try connection.readResponse().status == 405)
        let next = try connection.readResponse()
        #expect(next.status == 200)
        #expect(next.bodyText == #"{"status":"ok"}"#)
    }

    @Test func curlUploadOfABigFileGets100Continue() throws {
        let server = try ServerProcess()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).json")
        try Data(repeating: UInt8(ascii: "a"), count: 64 * 1024).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CommandResult.curl([
            "--verbose", "--output", "/dev/null", "--write-out", "%{http_code}", "--header", "Expect: 100-continue",
            "--data-binary", "@\(file.path)", "\(server.url)/healthz",
        ])
        #expect(result.errors.contains("< HTTP/1.1 100 Continue"))
        #expect(result.output == "405")
    }

    @Test func oversizedUploadIsRefusedWithoutBeingRead() throws {
        let server = try ServerProcess(["--max-body-size", "1000"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).json")
        try Data(repeating: UInt8(ascii: "a"), count: 4 * 1024 * 1024).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CommandResult.curl([
            "--verbose", "--output", "/dev/null", "--write-out", "%{http_code}", "--data-binary", "@\(file.path)", "\(server.url)/healthz",
        ])
        #expect(result.output == "413")
        #expect(!result.errors.contains("100 Continue"))
    }

    /// Each malformed request gets its status, `Connection: close`, a problem document, and a
    /// closed connection.
    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
        ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: h\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: h\r\nBig: \(String(repeating: "b", count: 17000))\r\n\r\n", 431),
        ("GET / HTTP/1.1\r\nHost: h\r\n\((0..<101).map { "F\($0): v\r\n" }.joined())\r\n", 431),
        ("POST /healthz HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n", 413),
        ("POST /healthz HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\n", 417),
    ])
    func malformedRequestsAreRejectedAndClosed(request: String, status: Int) throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        try connection.send(request)
        let response = try connection.readResponse()
        #expect(response.status == status)
        #expect(response.header("Connection") == "close")
        #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8")
        #expect(response.bodyText.contains("\"status\":\(status)"))
        #expect(connection.isClosedByServer())
    }

    @Test func unknownMethodIsNotAllowedAndArabicPathsDecode() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        try connection.send(
            "BREW /healthz HTTP/1.1\r\nHost: h\r\n\r\nGET /%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9 HTTP/1.1\r\nHost: h\r\n\r\nGET /%D8 HTTP/1.1\r\nHost: h\r\n\r\n"
        )
        let brew = try connection.readResponse()
        #expect(brew.status == 405)
        #expect(brew.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(try connection.readResponse().status == 404)
        #expect(try connection.readResponse().status == 400)
    }

    @Test func slowlorisIsCutOffAtTheHeaderTimeout() throws {
        let server = try ServerProcess(["--header-timeout", "1"])
        let connection = try server.connect()
        let started = Date()
        try connection.send("GET /healthz HTTP/1.1\r\nHost: h\r\n")
        // Dribbling more field lines does not extend the deadline.
        for _ in 0..<3 {
            Thread.sleep(forTimeInterval: 0.2)
            try connection.send("X-Slow: 1\r\n")
        }
        let response = try connection.readResponse()
        let elapsed = Date().timeIntervalSince(started)
        #expect(response.status == 408)
        #expect(connection.isClosedByServer())
        #expect(elapsed >= 0.9 && elapsed < 3, "closed after \(elapsed) s")
    }

    @Test func silentConnectionIsClosedWithoutAResponse() throws {
        let server = try ServerProcess(["--header-timeout", "1"])
        let connection = try server.connect()
        #expect(connection.isClosedByServer())
        #expect(throws: RawConnection.Closed.self) { try connection.readResponse() }
    }

    @Test func idleKeepAliveConnectionIsClosedAtTheIdleTimeout() throws {
        let server = try ServerProcess(["--idle-timeout", "1"])
        let connection = try server.connect()
        try connection.send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try connection.readResponse().status == 200)
        let started = Date()
        #expect(connection.isClosedByServer())
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func slowBodyIsCutOffAtTheBodyTimeout() throws {
        let server = try ServerProcess(["--body-timeout", "1"])
        let connection = try server.connect()
        try connection.send("POST /healthz HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part")
        let response = try connection.readResponse()
        #expect(response.status == 408)
        #expect(connection.isClosedByServer())
    }

    /// A client that stops reading is dropped once a response has waited the write timeout,
    /// instead of holding its connection and buffers forever.
    @Test func clientThatStopsReadingIsClosedAtTheWriteTimeout() throws {
        let server = try ServerProcess(["--write-timeout", "1"])
        let connection = try server.connect()
        // Far more response bytes than the socket buffers hold (the document is ~70 KB).
        let request = "GET /api/v1/openapi.json HTTP/1.1\r\nHost: h\r\n\r\n"
        try connection.send(String(repeating: request, count: 300))
        Thread.sleep(forTimeInterval: 3)
        var answered = 0
        while (try? connection.readResponse()) != nil { answered += 1 }
        #expect(answered > 0)
        #expect(answered < 300)
        #expect(connection.isClosedByServer())
    }

    @Test func connectionsOverTheLimitAreRefusedWhileOthersAreServed() throws {
        let server = try ServerProcess(["--max-connections", "2"])
        let first = try server.connect()
        let second = try server.connect()
        for connection in [first, second] {
            try connection.send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try connection.readResponse().status == 200)
        }
        let third = try server.connect()
        try third.send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
        let refused = try third.readResponse()
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "1")
        #expect(third.isClosedByServer())
        for connection in [first, second] {
            try connection.send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try connection.readResponse().status == 200)
        }
    }

    @Test func http10GetsKeepAliveOnlyWhenAsked() throws {
        let server = try ServerProcess()
        let kept = try server.connect()
        try kept.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().header("Connection") == "keep-alive")
        try kept.send("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(try kept.readResponse().header("Connection") == "close")
        #expect(kept.isClosedByServer())
    }

    @Test func sigtermFinishesTheRequestUnderWayAndExitsZero() throws {
        let server = try ServerProcess(["--shutdown-grace", "10"])
        let idle = try server.connect()
        try idle.send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        let busy = try server.connect()
        try busy.send("POST /healthz HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nhalf.")
        Thread.sleep(forTimeInterval: 0.2)
        kill(server.process.processIdentifier, SIGTERM)
        // The idle connection goes at once; the one mid-request is still served, then closed.
        #expect(idle.isClosedByServer())
        Thread.sleep(forTimeInterval: 0.3)
        #expect(server.process.isRunning)
        try busy.send("done!")
        let response = try busy.readResponse()
        #expect(response.status == 405)
        #expect(response.header("Connection") == "close")
        #expect(server.stop(timeout: 10) == 0)
        #expect(server.logText.contains(" stopped"))
        #expect((try? RawConnection(port: server.port)) == nil)
    }

    @Test func sigintStopsAnIdleServerAtOnce() throws {
        let server = try ServerProcess()
        let started = Date()
        #expect(server.stop(signal: SIGINT) == 0)
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func accessLogHasOneLinePerRequest() throws {
        let server = try ServerProcess()
        _ = try CommandResult.curl(["--header", "X-Request-ID: trace-42", "\(server.url)/healthz?x=1"])
        #expect(server.stop() == 0)
        let line = server.logText.split(separator: "\n").first { $0.contains("request_id=trace-42") }
        // The query is not logged; `x` is not a parameter of /healthz, so the answer is 400.
        #expect(line?.contains(" info request method=GET path=/healthz status=400 bytes=") == true)
        #expect(line?.contains(" us=") == true)
    }

    /// Neither a token nor its hash ever reaches the log, whatever the request does with it:
    /// written with, refused, or used to create another token.
    @Test func tokensNeverReachTheLog() throws {
        let server = try ServerProcess(["--log-level", "debug"])
        let good = "Authorization: Bearer \(ServerProcess.adminToken)"
        let bad = "Authorization: Bearer wrong-token-abcdefghijklmnop"
        _ = try CommandResult.curl(["--header", good, "--json", #"{"name":"سياسة"}"#, "\(server.url)/api/v1/categories"])
        _ = try CommandResult.curl(["--header", bad, "--json", #"{"name":"رياضة"}"#, "\(server.url)/api/v1/categories"])
        _ = try CommandResult.curl(["--header", good, "\(server.url)/api/v1/articles?status=draft"])
        #expect(server.stop() == 0)
        let log = server.logText
        #expect(log.contains("path=/api/v1/categories"))
        for secret in [ServerProcess.adminToken, "wrong-token-abcdefghijklmnop", "Bearer"] {
            #expect(!log.contains(secret), "\(secret) in the log")
        }
    }
}
