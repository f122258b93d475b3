/// A complete, validated HTTP/1.x request: head and de-chunked body.
public struct Request: Sendable {
    public let method: Method
    /// The request-target as received (origin-form, or the path and query of an absolute-form).
    public let target: String
    public let version: Version
    /// Header fields with lower-cased names, in the order received.
    public let headers: Headers
    public internal(set) var body: [UInt8]
    /// Whether the connection stays open after the response (RFC 9112 §9.3).
    public let keepAlive: Bool
    /// The address of the socket's other end as text (`203.0.113.7`, `2001:db8::7`), set by
    /// the connection; behind a proxy it is the proxy's (see `TrustedProxies` for the client's).
    public internal(set) var peerAddress: String
    /// Raised by the connection when the client goes away before its answer is written.
    public let cancellation = CancellationFlag()

    /// Where the target's `?` is, found once: routing, limits, logs and metrics all ask for
    /// the path.
    private let queryMark: String.Index?

    /// The target's path, still percent-encoded.
    public var path: Substring {
        guard let queryMark else { return target[...] }
        return target[..<queryMark]
    }

    /// The target's query without the `?`, still encoded; nil when the target has none.
    public var query: Substring? {
        guard let queryMark else { return nil }
        return target[target.utf8.index(after: queryMark)...]
    }

    public init(
        method: Method, target: String, version: Version = .http1_1,
        headers: Headers = Headers(), body: [UInt8] = [], keepAlive: Bool = true, peerAddress: String = ""
    ) {
        self.method = method
        self.target = target
        queryMark = Self.queryMark(in: target)
        self.version = version
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
        self.peerAddress = peerAddress
    }

    /// The index of the target's first `?`, found through a pointer: stepping `utf8`'s
    /// indices checks bounds and encoding at each byte, a thousand instructions for a path.
    private static func queryMark(in target: String) -> String.Index? {
        let offset = target.utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: UInt8(ascii: "?")) }
        guard let offset else { return target.utf8.firstIndex(of: UInt8(ascii: "?")) }
        return offset.map { target.utf8.index(target.utf8.startIndex, offsetBy: $0) }
    }
}
