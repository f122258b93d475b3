import Glibc

/// OpenSSL's libssl, opened at run time with dlopen, so the binary has no build-time TLS
/// dependency and runs (http only) where libssl is missing: an https request then fails with a
/// clear error instead of the server failing to start.
///
/// @unchecked Sendable: after `init` every stored property is an immutable C function
/// pointer; OpenSSL (1.1 and later) initialises itself thread-safely and each request uses its
/// own SSL_CTX and SSL objects, so sharing the pointers between threads is safe.
final class TLSLibrary: @unchecked Sendable {
    /// Tried in order: OpenSSL 3's soname, then whatever the unversioned name points at.
    static let candidates = ["libssl.so.3", "libssl.so"]

    let clientMethod: @convention(c) () -> OpaquePointer?
    let contextNew: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let contextFree: @convention(c) (OpaquePointer?) -> Void
    let contextControl: @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let setDefaultVerifyPaths: @convention(c) (OpaquePointer?) -> Int32
    let loadVerifyLocations: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let setVerify: @convention(c) (OpaquePointer?, Int32, OpaquePointer?) -> Void
    let sessionNew: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let sessionFree: @convention(c) (OpaquePointer?) -> Void
    let setDescriptor: @convention(c) (OpaquePointer?, Int32) -> Int32
    let sessionControl: @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let setHost: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let verifyParameters: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let setExpectedAddress: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let connect: @convention(c) (OpaquePointer?) -> Int32
    let write: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32) -> Int32
    let read: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32
    let getError: @convention(c) (OpaquePointer?, Int32) -> Int32
    let shutdown: @convention(c) (OpaquePointer?) -> Int32
    let verifyResult: @convention(c) (OpaquePointer?) -> Int
    let verifyErrorString: @convention(c) (Int) -> UnsafePointer<CChar>?
    let nextError: @convention(c) () -> UInt
    let errorString: @convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void
    let clearErrors: @convention(c) () -> Void

    /// Loaded once, on first use (a static let is initialised exactly once, thread-safely).
    private static let shared = Result { () throws(OutboundError) in try TLSLibrary() }

    static func load() throws(OutboundError) -> TLSLibrary { try shared.get() }

    private init() throws(OutboundError) {
        var handle: UnsafeMutableRawPointer?
        var failures: [String] = []
        for name in Self.candidates {
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if handle != nil { break }
            failures.append(dlerror().map { String(cString: $0) } ?? name)
        }
        guard let handle else {
            throw .tlsUnavailable("cannot load OpenSSL (install libssl3): \(failures.joined(separator: "; "))")
        }
        // Never closed: the functions are used for the life of the process.
        func symbol<Function>(_ name: String, as type: Function.Type) throws(OutboundError) -> Function {
            guard let address = dlsym(handle, name) else { throw .tlsUnavailable("the loaded libssl has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        clientMethod = try symbol("TLS_client_method", as: (@convention(c) () -> OpaquePointer?).self)
        contextNew = try symbol("SSL_CTX_new", as: (@convention(c) (OpaquePointer?) -> OpaquePointer?).self)
        contextFree = try symbol("SSL_CTX_free", as: (@convention(c) (OpaquePointer?) -> Void).self)
        contextControl = try symbol("SSL_CTX_ctrl", as: (@convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int).self)
        setDefaultVerifyPaths = try symbol("SSL_CTX_set_default_verify_paths", as: (@convention(c) (OpaquePointer?) -> Int32).self)
        loadVerifyLocations = try symbol(
            "SSL_CTX_load_verify_locations", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self)
        setVerify = try symbol("SSL_CTX_set_verify", as: (@convention(c) (OpaquePointer?, Int32, OpaquePointer?) -> Void).self)
        sessionNew = try symbol("SSL_new", as: (@convention(c) (OpaquePointer?) -> OpaquePointer?).self)
        sessionFree = try symbol("SSL_free", as: (@convention(c) (OpaquePointer?) -> Void).self)
        setDescriptor = try symbol("SSL_set_fd", as: (@convention(c) (OpaquePointer?, Int32) -> Int32).self)
        sessionControl = try symbol("SSL_ctrl", as: (@convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int).self)
        setHost = try symbol("SSL_set1_host", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32).self)
        verifyParameters = try symbol("SSL_get0_param", as: (@convention(c) (OpaquePointer?) -> OpaquePointer?).self)
        setExpectedAddress = try symbol("X509_VERIFY_PARAM_set1_ip_asc", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32).self)
        connect = try symbol("SSL_connect", as: (@convention(c) (OpaquePointer?) -> Int32).self)
        write = try symbol("SSL_write", as: (@convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32) -> Int32).self)
        read = try symbol("SSL_read", as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32).self)
        getError = try symbol("SSL_get_error", as: (@convention(c) (OpaquePointer?, Int32) -> Int32).self)
        shutdown = try symbol("SSL_shutdown", as: (@convention(c) (OpaquePointer?) -> Int32).self)
        verifyResult = try symbol("SSL_get_verify_result", as: (@convention(c) (OpaquePointer?) -> Int).self)
        verifyErrorString = try symbol("X509_verify_cert_error_string", as: (@convention(c) (Int) -> UnsafePointer<CChar>?).self)
        nextError = try symbol("ERR_get_error", as: (@convention(c) () -> UInt).self)
        errorString = try symbol("ERR_error_string_n", as: (@convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void).self)
        clearErrors = try symbol("ERR_clear_error", as: (@convention(c) () -> Void).self)
    }

    /// OpenSSL's queued errors as text ("error:0A000086:SSL routines::certificate verify
    /// failed"), oldest first, emptying the queue; `fallback` when there are none.
    func drainErrors(or fallback: String) -> String {
        var messages: [String] = []
        while case let code = nextError(), code != 0 {
            var text = [CChar](repeating: 0, count: 256)
            errorString(code, &text, text.count)
            messages.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}
