import Dispatch
import Glibc
import Testing

@testable import HTTP

/// What the transport does with a route's policy, on a real server in this process: lanes,
/// the policy check before a body is read, the body budget, the per-client connection cap,
/// and the write timeout over a whole response.
@Suite struct TransportPolicyTests {
    /// Knows one token, `good`, whose caller has no roles.
    struct Tokens: Authenticator {
        func caller(presenting credentials: String) throws -> Caller {
            guard credentials == "Bearer good" else { throw ProblemDetails(status: .unauthorized, detail: "bad token") }
            return .authenticated(identity: "tester")
        }
        var challenge: Response { ProblemDetails(status: .unauthorized, detail: "token needed").response }
    }

    /// Handlers that block until released, counting who entered.
    final class Gate: @unchecked Sendable {
        // @unchecked: semaphores are safe from any thread; nothing else is mutable.
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        func pass() -> Response {
            entered.signal()
            release.wait()
            return Response(status: .ok)
        }
    }

    static func start(_ router: Router, _ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: router, logger: Logger(level: .off, sink: LogSink()))
        try server.start()
        return server
    }

    static func stop(_ server: HTTPServer) {
        server.shutdown()
        server.waitUntilStopped()
    }

    /// A loopback connection to `port` from `source` (any 127.0.0.0/8 address is this machine).
    static func connect(to port: Int, from source: String = "127.0.0.1", receiveBuffer: Int32? = nil) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer { setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        _ = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    static func write(_ text: String, to descriptor: Int32) {
        _ = text.utf8CString.withUnsafeBufferPointer { send(descriptor, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
    }

    /// What arrives on `descriptor` until `marker` is in it, the peer closes, or 5 s pass.
    static func read(_ descriptor: Int32, until marker: String = "\r\n\r\n") -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    static func get(_ path: String, on port: Int) -> (head: String, seconds: Double) {
        let started = DispatchTime.now().uptimeNanoseconds
        let descriptor = connect(to: port)
        defer { close(descriptor) }
        write("GET \(path) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", to: descriptor)
        let head = read(descriptor)
        return (head, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }

    // MARK: Lanes

    @Test func searchesBeyondTheirCapWaitWithoutAWorkerWhileReadsAndHealthAnswer() throws {
        let gate = Gate()
        let searches = WorkerCap("search", limit: 2)
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        router.get("/search", .public, rate: nil, lane: .capped(searches)) { _ in gate.pass() }
        router.get("/article", .public, rate: nil) { _ in Response(status: .ok) }
        router.get("/healthz", .public, rate: nil, lane: .reserved) { _ in Response(status: .ok) }
        let server = try Self.start(router) { $0.workerCount = 3 }
        defer { Self.stop(server) }

        // Six searches: two run, four wait in their lane, holding no worker.
        let clients = (0..<6).map { _ in Self.connect(to: server.port) }
        defer { for client in clients { close(client) } }
        for client in clients { Self.write("GET /search HTTP/1.1\r\nHost: t\r\n\r\n", to: client) }
        for _ in 0..<2 { #expect(gate.entered.wait(timeout: .now() + 5) == .success) }
        #expect(gate.entered.wait(timeout: .now() + 0.3) == .timedOut)
        #expect(searches.running == 2)

        for path in ["/article", "/healthz", "/article"] {
            let (head, seconds) = Self.get(path, on: server.port)
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(path)")
            #expect(seconds < 1, "\(path) took \(seconds) s")
        }

        // Each search that ends lets a waiting one run; all are answered.
        for _ in 0..<6 { gate.release.signal() }
        for _ in 0..<4 { #expect(gate.entered.wait(timeout: .now() + 5) == .success) }
        for client in clients { #expect(Self.read(client).hasPrefix("HTTP/1.1 200 OK\r\n")) }
        // A job gives its slot back after its response is handed over, so the last client can
        // read before the count drops: wait for it, boundedly.
        let deadline = DispatchTime.now() + 5
        while searches.running > 0 && DispatchTime.now() < deadline { usleep(1000) }
        #expect(searches.running == 0)
    }

    @Test func healthAnswersWhenEveryWorkerIsBusy() throws {
        let gate = Gate()
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        router.get("/busy", .public, rate: nil) { _ in gate.pass() }
        router.get("/healthz", .public, rate: nil, lane: .reserved) { _ in Response(status: .ok) }
        let server = try Self.start(router) { $0.workerCount = 2 }
        defer { Self.stop(server) }
        let clients = (0..<4).map { _ in Self.connect(to: server.port) }
        defer { for client in clients { close(client) } }
        for client in clients { Self.write("GET /busy HTTP/1.1\r\nHost: t\r\n\r\n", to: client) }
        for _ in 0..<2 { #expect(gate.entered.wait(timeout: .now() + 5) == .success) }

        let (head, seconds) = Self.get("/healthz", on: server.port)
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(seconds < 1)
        for _ in 0..<4 { gate.release.signal() }
        for client in clients { #expect(Self.read(client).hasPrefix("HTTP/1.1 200 OK\r\n")) }
    }

    // MARK: The policy before the body

    static func uploadRouter(received: @escaping @Sendable (Int) -> Void = { _ in }) -> Router {
        var router = Router(logger: Logger(level: .off, sink: LogSink()), authenticator: Tokens())
        router.post("/upload", .token, rate: nil) { context in
            received(context.request.body.count)
            return Response(status: .created)
        }
        return router
    }

    @Test func anAnonymousUploadIsRefusedWithoutA100ContinueAndWithoutItsBody() throws {
        let server = try Self.start(Self.uploadRouter())
        defer { Self.stop(server) }
        for token in ["", "Authorization: Bearer wrong\r\n"] {
            let client = Self.connect(to: server.port)
            defer { close(client) }
            Self.write("POST /upload HTTP/1.1\r\nHost: t\r\n\(token)Expect: 100-continue\r\nContent-Length: 10\r\n\r\n", to: client)
            let answer = Self.read(client)
            #expect(answer.hasPrefix("HTTP/1.1 401 Unauthorized\r\n"), "\(token)")
            #expect(!answer.contains("100 Continue"))
            #expect(answer.contains("\r\nConnection: close\r\n"))
        }
        // A valid token gets its `100 Continue`, then its answer.
        let client = Self.connect(to: server.port)
        defer { close(client) }
        Self.write("POST /upload HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer good\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n", to: client)
        #expect(Self.read(client) == "HTTP/1.1 100 Continue\r\n\r\n")
        Self.write("0123456789", to: client)
        #expect(Self.read(client).hasPrefix("HTTP/1.1 201 Created\r\n"))
    }

    @Test func anAnonymousUploadDeclaringALargeBodyIsAnsweredAtOnce() throws {
        let server = try Self.start(Self.uploadRouter()) { $0.timeouts.body = .seconds(30) }
        defer { Self.stop(server) }
        let started = DispatchTime.now().uptimeNanoseconds
        let client = Self.connect(to: server.port)
        defer { close(client) }
        Self.write("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\nfirst bytes", to: client)
        #expect(Self.read(client).hasPrefix("HTTP/1.1 401 Unauthorized\r\n"))
        #expect(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 < 2)
    }

    @Test func bodiesStillArrivingShareOneBudget() throws {
        let server = try Self.start(Self.uploadRouter()) { $0.maxBufferedBodyBytes = 1500 }
        defer { Self.stop(server) }
        let head = "POST /upload HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer good\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n"
        let first = Self.connect(to: server.port)
        defer { close(first) }
        Self.write(head, to: first)
        #expect(Self.read(first) == "HTTP/1.1 100 Continue\r\n\r\n")
        // The first body holds 1000 of the 1500 bytes until its request is answered.
        let second = Self.connect(to: server.port)
        defer { close(second) }
        Self.write(head, to: second)
        let refused = Self.read(second)
        #expect(refused.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(refused.contains("\r\nRetry-After: 1\r\n"))
        Self.write(String(repeating: "x", count: 1000), to: first)
        #expect(Self.read(first).hasPrefix("HTTP/1.1 201 Created\r\n"))
        let third = Self.connect(to: server.port)
        defer { close(third) }
        Self.write(head, to: third)
        #expect(Self.read(third) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    // MARK: Connections and slow readers

    @Test func oneClientAddressMayHoldOnlySoManyConnections() throws {
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        router.get("/", .public, rate: nil) { _ in Response(status: .ok) }
        let server = try Self.start(router) { $0.connectionsPerClient = 2 }
        defer { Self.stop(server) }
        // 127.0.0.2 is this machine too, but not the trusted proxy: a client like any other.
        let kept = (0..<2).map { _ in Self.connect(to: server.port, from: "127.0.0.2") }
        // kept[0] is closed below. Closing a descriptor twice would close whatever reused its
        // number meanwhile: in this process, another test's server's socket or epoll.
        defer { close(kept[1]) }
        for client in kept {
            Self.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n", to: client)
            #expect(Self.read(client).hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
        let refused = Self.connect(to: server.port, from: "127.0.0.2")
        let answer = Self.read(refused)
        close(refused)
        #expect(answer.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"))
        #expect(answer.contains("\r\nConnection: close\r\n"))
        // The proxy's connections carry many clients and are not counted.
        let proxied = (0..<4).map { _ in Self.connect(to: server.port) }
        for client in proxied {
            Self.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n", to: client)
            #expect(Self.read(client).hasPrefix("HTTP/1.1 200 OK\r\n"))
            close(client)
        }
        // A closed connection frees its place.
        close(kept[0])
        usleep(200_000)
        let again = Self.connect(to: server.port, from: "127.0.0.2")
        defer { close(again) }
        Self.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n", to: again)
        #expect(Self.read(again).hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test func aSlowReaderGetsTheWriteTimeoutForTheWholeResponse() throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 32 * 1024 * 1024)
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        router.get("/big", .public, rate: nil) { _ in Response(status: .ok, body: body) }
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.timeouts.write = .seconds(1)
        let metrics = ServerMetrics()
        let server = HTTPServer(configuration: configuration, responder: router, logger: Logger(level: .off, sink: LogSink()), metrics: metrics)
        try server.start()
        defer { Self.stop(server) }
        let client = Self.connect(to: server.port, receiveBuffer: 64 * 1024)
        defer { close(client) }
        Self.write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n", to: client)
        // Read steadily but slowly (some 3 MB/s: 32 MB take 10 s), as a reader on a bad line or
        // a slowloris would: each read lets the server write a little more, which must not
        // extend the timeout, counted from the start of the response. (The
        // client may go on reading what the kernel still holds; the server's connection is gone.)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        #expect(recv(client, &buffer, buffer.count, 0) > 0)
        let started = DispatchTime.now().uptimeNanoseconds
        var seconds = 0.0
        while metrics.openConnections.load(ordering: .relaxed) > 0 && seconds < 6 {
            guard recv(client, &buffer, buffer.count, 0) > 0 else { break }
            usleep(5_000)
            seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        }
        #expect(metrics.openConnections.load(ordering: .relaxed) == 0)
        #expect(seconds < 3, "the connection stayed \(seconds) s")
    }
}
