import Dispatch
import Glibc
import Testing

@testable import HTTP

/// The per-client cap on requests queued or running, on a real server in this process.
@Suite struct ClientRequestLimitTests {
    /// `/slow` waits until released; `/fast` answers at once.
    final class Handler: @unchecked Sendable {
        // @unchecked: the semaphores are safe from any thread; nothing else is mutable.
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)

        var router: Router {
            var router = Router(logger: Logger(level: .off, sink: LogSink()))
            router.get("/slow", .public, rate: nil) { [self] _ in
                entered.signal()
                release.wait()
                return Response(status: .ok)
            }
            router.get("/fast", .public, rate: nil) { _ in Response(status: .ok) }
            return router
        }
    }

    /// Opens a loopback connection to `port`, sends `request`, returns the descriptor.
    static func send(_ request: String, to port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = request.utf8CString.withUnsafeBufferPointer { Glibc.send(descriptor, $0.baseAddress, $0.count - 1, 0) }
        return descriptor
    }

    /// The head of the response on `descriptor` (enough for a status line and headers).
    static func responseHead(_ descriptor: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &bytes, bytes.count, 0)
        return count > 0 ? String(decoding: bytes[..<count], as: UTF8.self) : ""
    }

    static func get(_ path: String, from client: String?) -> String {
        "GET \(path) HTTP/1.1\r\nHost: test\r\n" + (client.map { "X-Forwarded-For: \($0)\r\n" } ?? "") + "Connection: close\r\n\r\n"
    }

    @Test func aClientOverItsShareIsAnswered429WithoutAWorker() throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.requestsPerClient = 1
        let handler = Handler()
        let server = HTTPServer(configuration: configuration, responder: handler.router, logger: Logger(level: .off, sink: LogSink()))
        try server.start()
        defer {
            server.shutdown()
            server.waitUntilStopped()
        }
        let slow = Self.send(Self.get("/slow", from: "203.0.113.1"), to: server.port)
        defer { close(slow) }
        #expect(handler.entered.wait(timeout: .now() + 10) == .success)

        let refused = Self.send(Self.get("/fast", from: "203.0.113.1"), to: server.port)
        let head = Self.responseHead(refused)
        close(refused)
        #expect(head.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"))
        #expect(head.contains("\r\nRetry-After: 1\r\n"))
        #expect(head.contains("\r\nContent-Type: application/problem+json"))

        // Another client behind the proxy, and the machine itself, are served meanwhile.
        for client in ["203.0.113.2", nil] {
            let other = Self.send(Self.get("/fast", from: client), to: server.port)
            #expect(Self.responseHead(other).hasPrefix("HTTP/1.1 200 OK\r\n"), "\(client ?? "local")")
            close(other)
        }

        handler.release.signal()
        #expect(Self.responseHead(slow).hasPrefix("HTTP/1.1 200 OK\r\n"))
        let again = Self.send(Self.get("/fast", from: "203.0.113.1"), to: server.port)
        #expect(Self.responseHead(again).hasPrefix("HTTP/1.1 200 OK\r\n"))
        close(again)
    }
}
