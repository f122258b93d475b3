/// Sends HTTP/1.1 requests to the outside world on behalf of the server (webhook deliveries,
/// cache purges), over its own sockets so that it decides, and checks, which address it
/// connects to.
///
/// One `send` is one blocking exchange on a fresh connection: resolve the host, check every
/// resolved address against the policy, connect to a checked address, TLS for https
/// (certificate and host name verified), send, read the response. All of it within one
/// overall timeout. Redirects are answers, never followed: following one would be a second
/// request to a target nobody checked the same way.
public struct OutboundClient: Sendable {
    /// The default cap on a response body; a receiver's answer is a status, not a download.
    public static let defaultResponseLimit = 64 * 1024

    public let policy: AddressPolicy
    public let timeout: Duration
    public let userAgent: String
    /// A PEM file of CA certificates to trust instead of the system's store (tests, or a
    /// private CA); nil uses the system store.
    public let trustedCertificatesFile: String?
    public let responseLimit: Int
    private let tlsContexts: TLSContextCache

    public init(
        policy: AddressPolicy, timeout: Duration, userAgent: String, trustedCertificatesFile: String? = nil,
        responseLimit: Int = OutboundClient.defaultResponseLimit
    ) {
        self.policy = policy
        self.timeout = timeout
        self.userAgent = userAgent
        self.trustedCertificatesFile = trustedCertificatesFile
        self.responseLimit = responseLimit
        tlsContexts = TLSContextCache(trustedCertificatesFile: trustedCertificatesFile)
    }

    /// Sends `request` and returns the receiver's answer, whatever its status.
    public func send(_ request: OutboundRequest) throws(OutboundError) -> OutboundResponse {
        let deadline = Deadline(after: timeout)
        let bytes = try request.serialized(userAgent: userAgent)
        let url = request.url
        // Before any network traffic, so a missing libssl or CA file is reported as such.
        let tls = url.scheme == .https ? try tlsContexts.context() : nil
        let addresses = if let literal = url.address { [literal] } else { try NameResolver.resolve(url.host, deadline: deadline) }
        // Every address, not only the one connected to: a name that points partly inside the
        // network is refused as a whole rather than delivered to sometimes.
        for address in addresses {
            if let reason = policy.refusal(of: address) { throw .refusedAddress(address: address.description, reason: reason) }
        }
        var failure = OutboundError.nameResolution(host: url.host, reason: "no address")
        for address in addresses {
            let socket: OutboundSocket
            do throws(OutboundError) {
                socket = try OutboundSocket.connect(to: address, port: url.port, deadline: deadline)
            } catch {
                if case .timeout = error { throw error }
                failure = error
                continue
            }
            let stream: any OutboundStream =
                if let tls {
                    try TLSStream(context: tls, socket: socket, host: url.host, isAddress: url.address != nil, deadline: deadline)
                } else {
                    socket
                }
            try stream.write(bytes, deadline: deadline)
            var reader = ResponseReader(stream: stream, deadline: deadline, bodyLimit: responseLimit)
            return try reader.read()
        }
        throw failure
    }
}
