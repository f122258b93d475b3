/// A receiver's answer: status, header fields as received (names as spelled, in order) and
/// the body with any chunked framing removed. A redirect is an answer too: its status and
/// `Location` are here, and nothing was followed.
public struct OutboundResponse: Sendable {
    public let status: Int
    public let headers: Headers
    public let body: [UInt8]

    public init(status: Int, headers: Headers, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
