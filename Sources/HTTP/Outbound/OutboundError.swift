/// Why an outbound request failed, worded for a delivery log: each description says what was
/// tried and what went wrong, without the caller adding context.
public enum OutboundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target is not an http(s) URL this client sends to; the reason says which rule.
    case invalidURL(String)
    /// A header the caller gave cannot be sent (bad name or value, or one the client owns).
    case invalidRequest(String)
    /// The policy refused a resolved address: `address` as text, `reason` such as "loopback".
    case refusedAddress(address: String, reason: String)
    /// The host name did not resolve.
    case nameResolution(host: String, reason: String)
    /// Connecting to a checked address failed (refused, unreachable, reset).
    case connectFailed(address: String, reason: String)
    /// The connection broke while sending or receiving.
    case connectionLost(String)
    /// The overall deadline passed; `phase` says what was under way.
    case timeout(phase: String, seconds: Double)
    /// OpenSSL is not installed or lacks a function this client needs.
    case tlsUnavailable(String)
    /// The TLS handshake or session failed, with OpenSSL's reason (certificate verification
    /// errors included).
    case tls(String)
    /// The peer's answer is not a well-formed HTTP/1.1 response.
    case malformedResponse(String)
    /// The response body is longer than the client accepts.
    case responseTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid URL: \(reason)"
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .refusedAddress(let address, let reason): "refused: \(address) is \(reason)"
        case .nameResolution(let host, let reason): "cannot resolve \(host): \(reason)"
        case .connectFailed(let address, let reason): "cannot connect to \(address): \(reason)"
        case .connectionLost(let reason): "connection lost: \(reason)"
        case .timeout(let phase, let seconds): "timed out after \(Self.format(seconds)) s while \(phase)"
        case .tlsUnavailable(let reason): "TLS unavailable: \(reason)"
        case .tls(let reason): "TLS failed: \(reason)"
        case .malformedResponse(let reason): "malformed response: \(reason)"
        case .responseTooLarge(let limit): "response body larger than \(limit) bytes"
        }
    }

    private static func format(_ seconds: Double) -> String {
        let tenths = (seconds * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
