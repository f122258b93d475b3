import Glibc

/// `newsstore healthcheck`: asks a running server's `/readyz` and exits 0 when it answers 200,
/// so a container's HEALTHCHECK needs no curl in the image.
enum HealthcheckCommand {
    static let help = """
        Usage: newsstore healthcheck [--host HOST] [--port PORT]

        Sends GET /readyz to the server (default 127.0.0.1 and NEWSSTORE_PORT or 8080) and
        exits 0 when it answers 200 within 3 seconds, 1 otherwise.
        """

    static func run(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Int32 {
        var host = "127.0.0.1"
        var port = try environment["NEWSSTORE_PORT"].map { value throws(UsageError) in try OptionParser.integer(value, in: 1...65535) } ?? 8080
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError("\(flag) needs a value") }
            switch flag {
            case "--host": host = value
            case "--port": port = try OptionParser.integer(value, in: 1...65535)
            default: throw UsageError("unknown option '\(flag)'")
            }
        }
        return statusLine(host: host, port: port)?.hasPrefix("HTTP/1.1 200 ") == true ? 0 : 1
    }

    /// The first line of the answer to `GET /readyz`, or nil when the server cannot be reached.
    private static func statusLine(host: String, port: Int) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let info = results else { return nil }
        defer { freeaddrinfo(results) }
        let descriptor = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else { return nil }
        let request = Array("GET /readyz HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\r\n").first.map(String.init)
    }
}
