import Glibc
import TestSupport
import Testing

@testable import HTTP

/// The outbound client against real receivers on loopback sockets.
@Suite struct OutboundClientTests {
    private let client = OutboundClient(policy: .allowPrivate, timeout: .seconds(5), userAgent: "NewsStore-Test/1")

    private func post(_ url: String, headers: [(name: String, value: String)] = [], body: String = "", with client: OutboundClient? = nil)
        throws(OutboundError) -> OutboundResponse
    {
        try (client ?? self.client).send(OutboundRequest(url: try OutboundURL(url), headers: headers, body: Array(body.utf8)))
    }

    @Test func aPostReachesTheReceiverAndItsAnswerComesBack() throws {
        let receiver = try LoopbackReceiver(.answer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Seen: yes\r\nContent-Length: 5\r\n\r\nthanks"))
        let response = try post(
            "http://127.0.0.1:\(receiver.port)/hook?x=1", headers: [("Content-Type", "application/json"), ("webhook-id", "msg_1")],
            body: #"{"type":"article.published"}"#)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "thank")
        #expect(response.headers["x-seen"] == "yes")
        let request = try #require(receiver.requests.first)
        #expect(
            request == "POST /hook?x=1 HTTP/1.1\r\nHost: 127.0.0.1:\(receiver.port)\r\nContent-Length: 28\r\nConnection: close\r\n"
                + "User-Agent: NewsStore-Test/1\r\nContent-Type: application/json\r\nwebhook-id: msg_1\r\n\r\n"
                + #"{"type":"article.published"}"#)
    }

    @Test func aNameIsResolvedAndItsAddressesTriedInOrder() throws {
        // localhost may resolve to ::1 first, where nothing listens: the next address is tried.
        let receiver = try LoopbackReceiver(.answer("HTTP/1.1 204 No Content\r\n\r\n"))
        let response = try post("http://localhost:\(receiver.port)/")
        #expect(response.status == 204)
        #expect(receiver.requests.first?.contains("Host: localhost:\(receiver.port)\r\n") == true)
    }

    @Test func loopbackIsRefusedByPolicyBeforeAnyConnection() throws {
        let receiver = try LoopbackReceiver(.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        let strict = OutboundClient(policy: .publicOnly, timeout: .seconds(5), userAgent: "NewsStore-Test/1")
        for url in ["http://127.0.0.1:\(receiver.port)/", "http://localhost:\(receiver.port)/", "http://[::ffff:127.0.0.1]:\(receiver.port)/"] {
            let error = expectError(OutboundError.self) { try post(url, with: strict) }
            guard case .refusedAddress(let address, let reason)? = error else {
                Issue.record("\(url): \(String(describing: error))")
                continue
            }
            #expect(["127.0.0.1", "::1"].contains(address))
            #expect(reason.hasPrefix("loopback"))
            #expect(error?.description.contains("is loopback") == true)
        }
        #expect(receiver.accepted == 0)
    }

    @Test func theRefusalSaysWhichAddressAndWhy() {
        let strict = OutboundClient(policy: .publicOnly, timeout: .seconds(5), userAgent: "NewsStore-Test/1")
        let cases = [
            ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is the cloud metadata address (169.254.169.254/32)"),
            ("https://10.1.2.3/hook", "refused: 10.1.2.3 is private (10.0.0.0/8)"),
            ("http://[::1]:8080/", "refused: ::1 is loopback (::1/128)"),
            ("http://[fd00::5]/", "refused: fd00::5 is unique local (private) (fc00::/7)"),
            ("http://[64:ff9b::a00:1]/", "refused: 64:ff9b::a00:1 is a NAT64 address embedding 10.0.0.1, which is private (10.0.0.0/8)"),
        ]
        for (url, message) in cases {
            #expect(expectError(OutboundError.self) { try post(url, with: strict) }?.description == message)
        }
    }

    @Test func aChunkedResponseIsReassembled() throws {
        let receiver = try LoopbackReceiver(
            .answer(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;name=value\r\n world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"
            ))
        let response = try post("http://127.0.0.1:\(receiver.port)/")
        #expect(String(decoding: response.body, as: UTF8.self) == "hello world0123456789")
    }

    @Test func aBodyDelimitedByTheEndOfTheConnectionIsRead() throws {
        let receiver = try LoopbackReceiver(.answer("HTTP/1.0 202 Accepted\r\n\r\nqueued"))
        let response = try post("http://127.0.0.1:\(receiver.port)/")
        #expect(response.status == 202)
        #expect(String(decoding: response.body, as: UTF8.self) == "queued")
    }

    @Test func interimResponsesAreSkipped() throws {
        let receiver = try LoopbackReceiver(.answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"))
        #expect(try post("http://127.0.0.1:\(receiver.port)/").status == 201)
    }

    @Test func aRedirectIsAnAnswerAndNotFollowed() throws {
        let target = try LoopbackReceiver(.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        let receiver = try LoopbackReceiver(
            .answer("HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:\(target.port)/\r\nContent-Length: 0\r\n\r\n"))
        let response = try post("http://127.0.0.1:\(receiver.port)/")
        #expect(response.status == 301)
        #expect(response.headers["location"] == "http://127.0.0.1:\(target.port)/")
        #expect(receiver.accepted == 1)
        #expect(target.accepted == 0)
    }

    @Test func aSilentReceiverTimesOutNearTheDeadline() throws {
        let receiver = try LoopbackReceiver(.silent)
        let quick = OutboundClient(policy: .allowPrivate, timeout: .milliseconds(800), userAgent: "NewsStore-Test/1")
        let started = ContinuousClock.now
        let error = expectError(OutboundError.self) { try post("http://127.0.0.1:\(receiver.port)/", with: quick) }
        let elapsed = ContinuousClock.now - started
        guard case .timeout(let phase, let seconds)? = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(phase.contains("waiting for the response"))
        #expect(seconds == 0.8)
        #expect(elapsed >= .milliseconds(790) && elapsed < .milliseconds(1500), "\(elapsed)")
        #expect(error?.description == "timed out after 0.8 s while waiting for the response from 127.0.0.1:\(receiver.port)")
    }

    @Test func aClosedPortIsAConnectFailure() throws {
        let receiver = try LoopbackReceiver(.silent)
        let port = receiver.port
        receiver.stop()
        let error = expectError(OutboundError.self) { try post("http://127.0.0.1:\(port)/") }
        guard case .connectFailed(let address, let reason)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(address == "127.0.0.1:\(port)")
        #expect(reason == "Connection refused")
    }

    @Test func anUnknownNameIsAResolutionFailure() {
        let error = expectError(OutboundError.self) { try post("http://no-such-host.invalid/") }
        guard case .nameResolution(let host, _)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(host == "no-such-host.invalid")
    }

    @Test func bodiesOverTheLimitAreRefused() throws {
        let limited = OutboundClient(policy: .allowPrivate, timeout: .seconds(5), userAgent: "NewsStore-Test/1", responseLimit: 1000)
        let big = String(repeating: "x", count: 1001)
        let answers = [
            "HTTP/1.1 200 OK\r\nContent-Length: 1001\r\n\r\n\(big)",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3E9\r\n\(big)\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\n\r\n\(big)",
        ]
        for answer in answers {
            let receiver = try LoopbackReceiver(.answer(answer))
            let error = expectError(OutboundError.self) { try post("http://127.0.0.1:\(receiver.port)/", with: limited) }
            #expect(error == .responseTooLarge(limit: 1000), "\(answer.prefix(40))")
        }
        // Exactly at the limit is fine.
        let receiver = try LoopbackReceiver(.answer("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n\(big.dropLast())"))
        #expect(try post("http://127.0.0.1:\(receiver.port)/", with: limited).body.count == 1000)
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", "bare LF"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\r\n\r\n", "bare CR"),
        ("HTTP/2 200\r\n\r\n", "bad status line"),
        ("HTTP/1.1 20 OK\r\n\r\n", "bad status line"),
        ("HTTP/1.1 099 Low\r\n\r\n", "bad status code"),
        ("ICY 200 OK\r\n\r\n", "bad status line"),
        ("HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n", "obsolete line folding"),
        ("HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n", "bad header field"),
        ("HTTP/1.1 200 OK\r\nX-Bad : 1\r\n\r\n", "bad header field"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "both Transfer-Encoding and Content-Length"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc", "bad Content-Length"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "unsupported transfer coding"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "bad chunk size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "a chunk longer than its size"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "closed after 5 of 10 body bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Le", "in the middle of the header section"),
        ("HTTP/1.1 101 Switching Protocols\r\n\r\n", "not asked for"),
    ])
    func malformedResponsesAreErrors(_ answer: String, reason: String) throws {
        let receiver = try LoopbackReceiver(.answer(answer))
        let error = expectError(OutboundError.self) { try post("http://127.0.0.1:\(receiver.port)/") }
        guard case .malformedResponse(let message)? = error else {
            Issue.record("\(answer.debugDescription): \(String(describing: error))")
            return
        }
        #expect(message.contains(reason), "\(answer.debugDescription): \(message)")
    }

    @Test func aReceiverThatClosesWithoutAnsweringLosesTheConnection() throws {
        let receiver = try LoopbackReceiver(.answer(""))
        #expect(
            expectError(OutboundError.self) { try post("http://127.0.0.1:\(receiver.port)/") }
                == .connectionLost("the receiver closed the connection without answering"))
    }

    @Test func headersTheClientOwnsOrThatCouldSplitTheRequestAreRefused() throws {
        let receiver = try LoopbackReceiver(.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        let url = "http://127.0.0.1:\(receiver.port)/"
        for field in [
            ("Host", "evil.example"), ("content-length", "1"), ("Transfer-Encoding", "chunked"), ("X-A", "1\r\nX-B: 2"), ("Bad Name", "1"), ("", "1"),
        ] {
            let error = expectError(OutboundError.self) { try post(url, headers: [field]) }
            guard case .invalidRequest? = error else {
                Issue.record("\(field): \(String(describing: error))")
                continue
            }
        }
        #expect(receiver.accepted == 0)
        // The caller's User-Agent replaces the default one.
        _ = try post(url, headers: [("User-Agent", "Custom/2")])
        #expect(receiver.requests.first?.contains("User-Agent: Custom/2\r\n") == true)
        #expect(receiver.requests.first?.contains("NewsStore-Test") == false)
    }
}
