import Glibc
import Synchronization

@testable import HTTP

/// A minimal HTTP receiver on 127.0.0.1 for the outbound client's tests: real sockets, each
/// connection read to the end of its request (Content-Length framed) and answered with fixed
/// bytes, or held open without an answer.
final class LoopbackReceiver: Sendable {
    enum Behaviour: Sendable {
        /// Answers every request with these bytes, then closes.
        case answer(String)
        /// Reads the request and never answers (until `stop`).
        case silent
    }

    private struct State {
        var accepted = 0
        var requests: [String] = []
        var held: [Int32] = []
        var stopped = false
    }

    /// Shared with the accepting thread.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    let port: Int
    private let listener: Int32
    private let shared = Shared()

    init(_ behaviour: Behaviour) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw SocketError("binding the test receiver") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let shared = self.shared
        Thread.start {
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 {
                    close(listener)
                    return
                }
                let stopped = shared.state.withLock { state in
                    state.accepted += 1
                    return state.stopped
                }
                if stopped {
                    close(connection)
                    close(listener)
                    return
                }
                let request = Self.readRequest(connection)
                shared.state.withLock { $0.requests.append(request) }
                switch behaviour {
                case .answer(let text):
                    let bytes = Array(text.utf8)
                    _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    close(connection)
                case .silent:
                    let keep = shared.state.withLock { state in
                        if !state.stopped { state.held.append(connection) }
                        return !state.stopped
                    }
                    if !keep { close(connection) }
                }
            }
        }
    }

    deinit { stop() }

    /// Connections accepted so far.
    var accepted: Int { shared.state.withLock { $0.accepted } }

    /// The requests received, as text.
    var requests: [String] { shared.state.withLock { $0.requests } }

    /// Stops listening (connections to the port are refused from now on) and closes the
    /// held connections. The accepting thread closes the listener itself when its accept
    /// fails, so the descriptor number cannot be reused under it.
    func stop() {
        let held = shared.state.withLock { state in
            if state.stopped { return [Int32]() }
            state.stopped = true
            defer { state.held = [] }
            return state.held
        }
        for connection in held { close(connection) }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// Reads a request head and its Content-Length body (at most 5 s of waiting).
    private static func readRequest(_ connection: Int32) -> String {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = (0..<max(0, bytes.count - 3)).first(where: { bytes[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }) {
                let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
                let length =
                    head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).filter { $0 != " " }) } ?? 0
                if bytes.count - (end + 4) >= length { break }
            }
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
