import Glibc

/// A non-blocking TCP connection to one address the policy accepted; closed when released.
final class OutboundSocket: OutboundStream {
    let descriptor: Int32
    /// The peer as text, for errors.
    let peer: String

    private init(descriptor: Int32, peer: String) {
        self.descriptor = descriptor
        self.peer = peer
    }

    deinit { close(descriptor) }

    /// Connects to exactly `address` (the sockaddr is built from it, not taken from the
    /// resolver's answer), waiting at most until `deadline`.
    static func connect(to address: IPAddress, port: Int, deadline: Deadline) throws(OutboundError) -> OutboundSocket {
        let peer = address.isIPv4Mapped ? "\(address):\(port)" : "[\(address)]:\(port)"
        let family = address.isIPv4Mapped ? AF_INET : AF_INET6
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .connectFailed(address: peer, reason: "socket: \(String(cString: strerror(errno)))") }
        let connection = OutboundSocket(descriptor: descriptor, peer: peer)
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))

        var result: Int32
        if address.isIPv4Mapped {
            var inet = sockaddr_in()
            inet.sin_family = sa_family_t(AF_INET)
            inet.sin_port = UInt16(port).bigEndian
            inet.sin_addr.s_addr = UInt32(truncatingIfNeeded: address.low).bigEndian
            result = withUnsafePointer(to: &inet) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            var inet6 = sockaddr_in6()
            inet6.sin6_family = sa_family_t(AF_INET6)
            inet6.sin6_port = UInt16(port).bigEndian
            let bytes = address.bytes
            withUnsafeBytes(of: bytes) { source in
                withUnsafeMutableBytes(of: &inet6.sin6_addr) { $0.copyMemory(from: source) }
            }
            result = withUnsafePointer(to: &inet6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        if result != 0 {
            guard errno == EINPROGRESS else { throw .connectFailed(address: peer, reason: String(cString: strerror(errno))) }
            try deadline.wait(for: Int16(POLLOUT), on: descriptor, "connecting to \(peer)")
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure != 0 { throw .connectFailed(address: peer, reason: String(cString: strerror(failure))) }
        }
        return connection
    }

    func write(_ bytes: [UInt8], deadline: Deadline) throws(OutboundError) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count >= 0 {
                sent += count
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try deadline.wait(for: Int16(POLLOUT), on: descriptor, "sending the request to \(peer)")
            } else {
                throw .connectionLost("sending to \(peer): \(String(cString: strerror(errno)))")
            }
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(OutboundError) -> Int {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try deadline.wait(for: Int16(POLLIN), on: descriptor, "waiting for the response from \(peer)")
            } else {
                throw .connectionLost("receiving from \(peer): \(String(cString: strerror(errno)))")
            }
        }
    }
}
