import Dispatch
import Glibc
import Synchronization

/// Resolves a host name with getaddrinfo(3) within the request's deadline.
///
/// getaddrinfo blocks and takes no timeout (the resolver's own retries can take 10 s and more),
/// so it runs on a thread of its own while the caller waits only as long as the deadline
/// allows; a lookup that outlives its caller finishes and is dropped.
enum NameResolver {
    private final class Lookup: Sendable {
        let result = Mutex<Result<[IPAddress], OutboundError>?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    /// The addresses of `host` in the resolver's order (the order to try them in), without
    /// repeats.
    static func resolve(_ host: String, deadline: Deadline) throws(OutboundError) -> [IPAddress] {
        let lookup = Lookup()
        Thread.start {
            let addresses = addresses(of: host)
            lookup.result.withLock { $0 = addresses }
            lookup.done.signal()
        }
        guard lookup.done.wait(timeout: .now() + .nanoseconds(Int(clamping: deadline.remaining.nanoseconds))) == .success,
            let result = lookup.result.withLock({ $0 })
        else { throw deadline.expired("resolving \(host)") }
        return try result.get()
    }

    private static func addresses(of host: String) -> Result<[IPAddress], OutboundError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &results)
        guard status == 0 else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failure(.nameResolution(host: host, reason: reason))
        }
        defer { freeaddrinfo(results) }
        var addresses: [IPAddress] = []
        var entry = results
        while let info = entry?.pointee {
            entry = info.ai_next
            guard let address = info.ai_addr.flatMap({ IPAddress(socketAddress: $0, family: info.ai_family) }) else { continue }
            if !addresses.contains(address) { addresses.append(address) }
        }
        if addresses.isEmpty { return .failure(.nameResolution(host: host, reason: "no IPv4 or IPv6 address")) }
        return .success(addresses)
    }
}

extension IPAddress {
    /// The address of a resolver's `sockaddr_in` or `sockaddr_in6`; nil for other families.
    fileprivate init?(socketAddress: UnsafeMutablePointer<sockaddr>, family: Int32) {
        switch family {
        case AF_INET:
            let bits = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
            self.init(ipv4: UInt32(bigEndian: bits))
        case AF_INET6:
            var raw = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            let (high, low) = withUnsafeBytes(of: &raw) { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
            self.init(high: UInt64(bigEndian: high), low: UInt64(bigEndian: low))
        default:
            return nil
        }
    }
}
