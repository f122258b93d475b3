/// OpenSSL's client settings: TLS 1.2 or later, the peer's certificate required and verified
/// against the given CA file or the system's CAs. Made before connecting, so a missing library
/// or an unreadable CA file is reported without traffic.
///
/// @unchecked Sendable: the SSL_CTX is fully configured in `init` and never changed after;
/// OpenSSL (1.1 and later) lets threads make sessions from one configured context at the same
/// time, and the context lives until the last session made from it (each holds a reference
/// to this object) is gone.
final class TLSContext: @unchecked Sendable {
    let library: TLSLibrary
    let pointer: OpaquePointer

    // OpenSSL's constants (ssl.h, tls1.h), stable across 1.1 and 3.
    private static let verifyPeer: Int32 = 0x01
    private static let controlSetMinimumVersion: Int32 = 123
    private static let tls12: Int = 0x0303

    init(trustedCertificatesFile: String?) throws(OutboundError) {
        let library = try TLSLibrary.load()
        library.clearErrors()
        guard let pointer = library.contextNew(library.clientMethod()) else {
            throw .tls(library.drainErrors(or: "SSL_CTX_new failed"))
        }
        self.library = library
        self.pointer = pointer
        _ = library.contextControl(pointer, Self.controlSetMinimumVersion, Self.tls12, nil)
        if let trustedCertificatesFile {
            guard library.loadVerifyLocations(pointer, trustedCertificatesFile, nil) == 1 else {
                throw .tls("cannot load the CA file \(trustedCertificatesFile): \(library.drainErrors(or: "unknown reason"))")
            }
        } else if library.setDefaultVerifyPaths(pointer) != 1 {
            throw .tls("cannot load the system's CA certificates: \(library.drainErrors(or: "unknown reason"))")
        }
        // Before any session is made from the context: a session copies the mode when created.
        library.setVerify(pointer, Self.verifyPeer, nil)
    }

    deinit { library.contextFree(pointer) }
}
