import Synchronization

/// The client's TLS context, made on the first https request and reused: loading the system's
/// CA store takes tens of milliseconds of CPU, which every delivery would otherwise pay. It is
/// remade after `lifetime`, so an updated CA store (a `ca-certificates` upgrade) is picked up
/// without a restart. A context that cannot be made (no libssl, a bad CA file) is not kept:
/// the next request tries again.
final class TLSContextCache: Sendable {
    static let lifetime: Duration = .seconds(3600)

    private let trustedCertificatesFile: String?
    private let current = Mutex<(context: TLSContext, madeAt: ContinuousClock.Instant)?>(nil)

    init(trustedCertificatesFile: String?) {
        self.trustedCertificatesFile = trustedCertificatesFile
    }

    func context() throws(OutboundError) -> TLSContext {
        let now = ContinuousClock.now
        if let (context, madeAt) = current.withLock({ $0 }), now - madeAt < Self.lifetime { return context }
        let context = try TLSContext(trustedCertificatesFile: trustedCertificatesFile)
        current.withLock { $0 = (context, now) }
        return context
    }
}
