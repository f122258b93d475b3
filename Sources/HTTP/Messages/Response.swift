/// A response as the application builds it. The server adds the framing fields itself
/// (`Date`, `Content-Length`, `Connection`, `X-Request-ID`), so handlers never set those.
public struct Response: Sendable {
    public var status: Status
    public var headers: Headers
    public var body: [UInt8]
    /// The route pattern that produced it, set by the router, for metrics; nil when no route
    /// matched.
    public internal(set) var route: String?

    public init(status: Status = .ok, headers: Headers = Headers(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response from already-encoded UTF-8 bytes.
    public static func json(_ body: [UInt8], status: Status = .ok) -> Response {
        var headers = Headers()
        headers.set("Content-Type", "application/json; charset=utf-8")
        return Response(status: status, headers: headers, body: body)
    }
}
