import Dispatch
import Glibc
import Testing

@testable import HTTP

/// Answers a worker writes to the socket itself, and those it hands back to the loop because
/// the socket took only part of them: each arrives whole, and the connection goes on.
@Suite struct AnswerWritingTests {
    /// 8 MiB of a byte pattern: far more than a loopback socket's buffers hold.
    static let bigBody: [UInt8] = (0..<8 * 1024 * 1024).map { UInt8(truncatingIfNeeded: $0 % 251) }

    static var router: Router {
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        router.get("/big", .public, rate: nil) { _ in Response(status: .ok, body: Self.bigBody) }
        router.get("/small", .public, rate: nil) { _ in Response(status: .ok, body: Array("small".utf8)) }
        return router
    }

    /// Reads one response with a `Content-Length` from `descriptor`: its head and its body.
    static func readResponse(_ descriptor: Int32) -> (head: String, body: [UInt8])? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var length = 0
        while true {
            if headEnd == nil, let end = received.indices.first(where: { received[$0...].starts(with: separator) }) {
                headEnd = end + 4
                let head = String(decoding: received[..<end], as: UTF8.self)
                guard let field = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                    let value = Int(field.dropFirst("content-length:".count).filter { $0 != " " })
                else { return nil }
                length = value
            }
            if let headEnd, received.count >= headEnd + length {
                return (String(decoding: received[..<headEnd], as: UTF8.self), Array(received[headEnd..<headEnd + length]))
            }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received += buffer[..<count]
        }
    }

    /// The worker's write stops when the socket is full; the loop writes the rest from where it
    /// stopped, and the next request on the connection is answered after it.
    @Test func anAnswerLargerThanTheSocketBuffersArrivesWholeAndTheConnectionGoesOn() throws {
        let server = try TransportPolicyTests.start(Self.router)
        defer { TransportPolicyTests.stop(server) }
        let descriptor = TransportPolicyTests.connect(to: server.port, receiveBuffer: 4096)
        defer { close(descriptor) }
        TransportPolicyTests.write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n", to: descriptor)
        // Not reading yet: the worker fills the socket and hands the rest to the loop.
        usleep(300_000)
        let big = Self.readResponse(descriptor)
        #expect(big?.head.hasPrefix("HTTP/1.1 200 OK\r\n") == true)
        #expect(big?.body.count == Self.bigBody.count)
        #expect(big?.body == Self.bigBody, "the body arrived with bytes missing, repeated or out of place")
        TransportPolicyTests.write("GET /small HTTP/1.1\r\nHost: t\r\n\r\n", to: descriptor)
        let small = Self.readResponse(descriptor)
        #expect(small?.head.hasPrefix("HTTP/1.1 200 OK\r\n") == true)
        #expect(small?.body == Array("small".utf8))
    }

    /// A client limited to one request under way, alternating between two keep-alive
    /// connections and sending each request as soon as it has the last answer, is never
    /// refused: its slot is free before its answer leaves, though the loop learns of the
    /// answer only later.
    @Test func aClientsSlotIsFreeOnceItHasItsAnswer() throws {
        let server = try TransportPolicyTests.start(Self.router) { $0.requestsPerClient = 1 }
        defer { TransportPolicyTests.stop(server) }
        let connections = [TransportPolicyTests.connect(to: server.port), TransportPolicyTests.connect(to: server.port)]
        defer {
            for descriptor in connections { close(descriptor) }
        }
        var statuses: [String: Int] = [:]
        for number in 0..<400 {
            let descriptor = connections[number % 2]
            TransportPolicyTests.write("GET /small HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n", to: descriptor)
            let status = Self.readResponse(descriptor).map { String($0.head.prefix(12)) } ?? "no answer"
            statuses[status, default: 0] += 1
        }
        #expect(statuses == ["HTTP/1.1 200": 400])
    }
}
