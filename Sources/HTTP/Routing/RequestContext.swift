/// What a route handler receives: the request, what routing decoded from its target, and what
/// the route's policy check found out about who sent it.
public struct RequestContext: Sendable {
    public let request: Request
    /// Values of the pattern's `{name}` segments, percent-decoded.
    public let parameters: PathParameters
    public let query: QueryParameters
    /// The request's `X-Request-ID`, echoed from the client or generated.
    public let requestID: String
    /// Who sent it, worked out once for every limit that counts it.
    public let client: Client
    /// What its credentials proved; the route's permission has admitted it already.
    public let caller: Caller
    /// The route's quick answer (`QuickAnswer`) was asked for this request on the I/O loop and
    /// had none, moments ago: the handler need not look where it looked (a response cache)
    /// again before rendering.
    public let quickAnswerMissed: Bool

    public init(
        request: Request, parameters: PathParameters = [:], query: QueryParameters = QueryParameters(), requestID: String = "",
        client: Client = Client(key: ClientKey(""), isLimited: false), caller: Caller = .anonymous, quickAnswerMissed: Bool = false
    ) {
        self.request = request
        self.parameters = parameters
        self.query = query
        self.requestID = requestID
        self.client = client
        self.caller = caller
        self.quickAnswerMissed = quickAnswerMissed
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
