/// A request to send: the method (POST for webhooks and CDN APIs, PURGE for Varnish), the
/// target, the caller's header fields in order, and the body.
///
/// The client writes `Host`, `Content-Length` and `Connection: close` itself (and `User-Agent`
/// unless given here), so those framing fields cannot be set twice or contradict the body.
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: OutboundURL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String = "POST", url: OutboundURL, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Fields only the client sets.
    private static let framingFields = ["host", "content-length", "connection", "transfer-encoding", "te", "upgrade", "expect", "trailer"]

    /// The request's bytes: request line, the client's fields, the caller's, the body.
    func serialized(userAgent: String) throws(OutboundError) -> [UInt8] {
        guard !method.isEmpty, method.utf8.allSatisfy({ ByteClass.token[Int($0)] }) else {
            throw .invalidRequest("\"\(method)\" is not a method")
        }
        var fields = headers
        if !headers.contains(where: { Headers.equalIgnoringASCIICase($0.name, "user-agent") }) {
            fields.insert(("User-Agent", userAgent), at: 0)
        }
        var head = "\(method) \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in fields {
            guard !name.isEmpty, name.utf8.allSatisfy({ ByteClass.token[Int($0)] }) else {
                throw .invalidRequest("\"\(name)\" is not a header field name")
            }
            guard !Self.framingFields.contains(where: { Headers.equalIgnoringASCIICase($0, name) }) else {
                throw .invalidRequest("\(name) is set by the client")
            }
            // Tabs and visible characters only: CR or LF would start a field the caller did
            // not mean to send.
            guard value.utf8.allSatisfy({ ByteClass.fieldValue[Int($0)] }) else {
                throw .invalidRequest("the value of \(name) contains a control character")
            }
            head += "\(name): \(value)\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}
