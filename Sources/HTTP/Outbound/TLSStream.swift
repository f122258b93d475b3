import Glibc

/// A TLS client session over a connected socket, through the run-time loaded OpenSSL: the
/// server's certificate chain is verified against the trusted CAs and its name (or IP
/// address) against the URL's host; SNI carries the name (never an IP literal, RFC 6066).
final class TLSStream: OutboundStream {
    private let library: TLSLibrary
    /// Kept so the descriptor and the context live as long as the session that uses them.
    private let socket: OutboundSocket
    private let context: TLSContext
    private let session: OpaquePointer
    private var handshakeDone = false

    // OpenSSL's constants (ssl.h, tls1.h), stable across 1.1 and 3.
    private static let controlSetHostName: Int32 = 55
    private static let hostNameType: Int = 0
    private static let errorWantRead: Int32 = 2
    private static let errorWantWrite: Int32 = 3
    private static let errorSyscall: Int32 = 5
    private static let errorZeroReturn: Int32 = 6

    /// Sets up a session in `context` and completes the handshake, or throws why it failed.
    convenience init(context: TLSContext, socket: OutboundSocket, host: String, isAddress: Bool, deadline: Deadline) throws(OutboundError) {
        let library = context.library
        library.clearErrors()
        guard let session = library.sessionNew(context.pointer) else { throw .tls(library.drainErrors(or: "SSL_new failed")) }
        self.init(context: context, socket: socket, session: session)
        try configure(host: host, isAddress: isAddress)
        try handshake(deadline: deadline)
    }

    private init(context: TLSContext, socket: OutboundSocket, session: OpaquePointer) {
        self.context = context
        library = context.library
        self.socket = socket
        self.session = session
    }

    deinit {
        // A close_notify when the session got that far; its answer is not waited for.
        if handshakeDone { _ = BrokenPipeSignal.suppressed { library.shutdown(session) } }
        library.sessionFree(session)
    }

    /// The socket, and the name (sent as SNI) or address the certificate must be for.
    private func configure(host: String, isAddress: Bool) throws(OutboundError) {
        guard library.setDescriptor(session, socket.descriptor) == 1 else { throw .tls(library.drainErrors(or: "SSL_set_fd failed")) }
        if isAddress {
            guard library.setExpectedAddress(library.verifyParameters(session), host) == 1 else {
                throw .tls(library.drainErrors(or: "cannot expect the address \(host)"))
            }
        } else {
            let named = host.withCString { name in
                library.sessionControl(session, Self.controlSetHostName, Self.hostNameType, UnsafeMutableRawPointer(mutating: name)) == 1
            }
            guard named, library.setHost(session, host) == 1 else { throw .tls(library.drainErrors(or: "cannot set the host name \(host)")) }
        }
    }

    private func handshake(deadline: Deadline) throws(OutboundError) {
        while true {
            let result = BrokenPipeSignal.suppressed { library.connect(session) }
            if result == 1 {
                handshakeDone = true
                return
            }
            try waitOrFail(result, deadline: deadline, phase: "in the TLS handshake with \(socket.peer)")
        }
    }

    func write(_ bytes: [UInt8], deadline: Deadline) throws(OutboundError) {
        guard !bytes.isEmpty else { return }
        // A retried SSL_write must pass the same buffer, so it is copied once to a fixed place.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: bytes)
        while true {
            let result = BrokenPipeSignal.suppressed { library.write(session, buffer.baseAddress, Int32(buffer.count)) }
            if result > 0 { return }
            try waitOrFail(result, deadline: deadline, phase: "sending the request to \(socket.peer)")
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(OutboundError) -> Int {
        while true {
            let result = library.read(session, buffer.baseAddress, Int32(clamping: buffer.count))
            if result > 0 { return Int(result) }
            let error = library.getError(session, result)
            if error == Self.errorZeroReturn { return 0 }
            try waitOrFail(result, deadline: deadline, phase: "waiting for the response from \(socket.peer)")
        }
    }

    /// Waits when OpenSSL asks to (the non-blocking socket was not ready); otherwise throws
    /// OpenSSL's reason, with the certificate verification result when that is what failed.
    private func waitOrFail(_ result: Int32, deadline: Deadline, phase: @autoclosure () -> String) throws(OutboundError) {
        switch library.getError(session, result) {
        case Self.errorWantRead:
            try deadline.wait(for: Int16(POLLIN), on: socket.descriptor, phase())
        case Self.errorWantWrite:
            try deadline.wait(for: Int16(POLLOUT), on: socket.descriptor, phase())
        case Self.errorSyscall:
            let code = errno
            let reason = library.drainErrors(or: code == 0 ? "the peer closed the connection" : String(cString: strerror(code)))
            throw handshakeDone ? .connectionLost("\(reason) (\(socket.peer))") : .tls("\(reason) during the handshake with \(socket.peer)")
        default:
            var reason = library.drainErrors(or: "unknown TLS error")
            let verification = library.verifyResult(session)
            if !handshakeDone && verification != 0, let text = library.verifyErrorString(verification) {
                reason += " (\(String(cString: text)))"
            }
            throw .tls(reason)
        }
    }
}
