/// What a route handler receives: the request and what routing decoded from its target.
public struct RequestContext: Sendable {
    public let request: Request
    /// Values of the pattern's `{name}` segments, percent-decoded.
    public let parameters: [String: String]
    public let query: QueryParameters
    /// The request's `X-Request-ID`, echoed from the client or generated.
    public let requestID: String

    public init(request: Request, parameters: [String: String] = [:], query: QueryParameters = QueryParameters(), requestID: String = "") {
        self.request = request
        self.parameters = parameters
        self.query = query
        self.requestID = requestID
    }
}

/// A route's handler. It runs on a worker thread, where blocking calls (SQLite) are expected.
public typealias Handler = @Sendable (RequestContext) throws -> Response

/// An error that knows the response it should become. Handlers throw these; anything else that
/// escapes a handler is a server fault and becomes a 500 without details.
public protocol ResponseError: Error {
    var response: Response { get }
}

extension ProblemDetails: ResponseError {}
