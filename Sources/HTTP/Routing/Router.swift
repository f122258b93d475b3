/// Routes requests by method and path pattern to handlers, and enforces each route's policy.
///
/// Patterns are paths whose segments are literals or `{name}` parameters, kept in a tree of
/// segments so a lookup costs one step per segment whatever the number of routes. Literal
/// segments win over parameters (`/articles/popular` before `/articles/{id}`). Path segments are
/// percent-decoded as UTF-8 before matching, so Arabic slugs route; a segment that does not
/// decode is the client's error (400). The router also answers what RFC 9110 asks of every
/// resource: 404 vs 405 with `Allow`, HEAD from GET, OPTIONS. A method the server has no
/// handler for (TRACE, QUERY, WebDAV's, any token) is 405 with `Allow` on an existing resource,
/// as a method the resource does not support (RFC 9110 §15.5.6), rather than 501: the answer
/// tells a client what it may do, and a client's guess is not a server error in any log.
///
/// Every route is registered with its `RoutePolicy`, checked here, in one place, once the
/// decoded path has matched: its rate class (429), its permission (401, 403), its query
/// parameters (400), in that order, so a flood is refused before it costs a credential check
/// and an anonymous client learns nothing about a route it may not call. Every `401` also
/// draws on the client's allowance of authentication failures; once that is spent, requests
/// that present or need credentials get `429` before any credential is checked, so tokens
/// cannot be guessed at the speed of the server.
public struct Router: Responder {
    /// A registered route, for documentation checks.
    public struct Entry: Sendable {
        public let method: Method
        public let pattern: String
        public let policy: RoutePolicy
    }

    /// What a node runs for one method. A struct, not a tuple: closures kept in an array of
    /// tuples are stored generically and re-wrapped, allocating, each time one is read out.
    private struct MethodHandler: Sendable {
        let method: Method
        let policy: RoutePolicy
        let handler: Handler
        let quick: QuickAnswer?
    }

    private struct Node: Sendable {
        /// Literal children, searched in turn: a node has a few (the root a dozen), mostly
        /// short segments stored inline in their `String`s, which compare faster than one is
        /// hashed for a dictionary.
        var literals: [(segment: String, node: Node)] = []
        /// At most one parameter child; an array because a struct cannot hold itself directly.
        var parameter: [Node] = []
        var parameterName = ""
        var handlers: [MethodHandler] = []
        /// The pattern as registered, for metrics labels.
        var pattern = ""

        func handler(for method: Method) -> MethodHandler? {
            handlers.first { $0.method == method }
        }

        var allowedMethods: String {
            var methods = handlers.map(\.method)
            if methods.contains(.get) && !methods.contains(.head) { methods.append(.head) }
            if !methods.contains(.options) { methods.append(.options) }
            return methods.map(\.description).joined(separator: ", ")
        }
    }

    private static let implementedMethods: [Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    private var root = Node()
    private let logger: Logger
    private let authenticator: Authenticator?
    /// `401`s one client may earn; nil for no limit.
    private let authenticationFailures: RateLimiter<ClientKey>?
    /// Answers requests whose path no route matches; without one they get a 404 problem.
    private var fallback: Handler?
    /// Every registered route, in registration order, for documentation checks.
    public private(set) var routes: [Entry] = []

    /// Without an `authenticator` no credential is valid: a request that sends one gets `401`.
    public init(logger: Logger, authenticator: Authenticator? = nil, authenticationFailures: RateLimit? = nil) {
        self.logger = logger
        self.authenticator = authenticator
        self.authenticationFailures = authenticationFailures.map { RateLimiter($0) }
    }

    /// Registers `handler` for `method` on `pattern` (e.g. `/api/v1/articles/{id}`) under
    /// `policy`, with a `quick` answer from memory tried first for requests without credentials.
    public mutating func add(
        _ method: Method, _ pattern: String, _ policy: RoutePolicy, quick: QuickAnswer? = nil, _ handler: @escaping Handler
    ) {
        precondition(pattern.hasPrefix("/"), "route patterns start with /")
        let segments = pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        Self.insert(&root, segments: segments[...], pattern: pattern, method: method, policy: policy, handler: handler, quick: quick)
        routes.append(Entry(method: method, pattern: pattern, policy: policy))
    }

    public mutating func get(
        _ pattern: String, _ permission: Permission, rate: RateClass?, query: AcceptedQuery = [], lane: Lane = .shared,
        quick: QuickAnswer? = nil, _ handler: @escaping Handler
    ) {
        add(.get, pattern, RoutePolicy(permission, rate: rate, query: query, lane: lane), quick: quick, handler)
    }

    public mutating func post(
        _ pattern: String, _ permission: Permission, rate: RateClass?, query: AcceptedQuery = [], lane: Lane = .shared,
        _ handler: @escaping Handler
    ) {
        add(.post, pattern, RoutePolicy(permission, rate: rate, query: query, lane: lane), handler)
    }

    public mutating func put(
        _ pattern: String, _ permission: Permission, rate: RateClass?, query: AcceptedQuery = [], lane: Lane = .shared,
        _ handler: @escaping Handler
    ) {
        add(.put, pattern, RoutePolicy(permission, rate: rate, query: query, lane: lane), handler)
    }

    public mutating func patch(
        _ pattern: String, _ permission: Permission, rate: RateClass?, query: AcceptedQuery = [], lane: Lane = .shared,
        _ handler: @escaping Handler
    ) {
        add(.patch, pattern, RoutePolicy(permission, rate: rate, query: query, lane: lane), handler)
    }

    public mutating func delete(
        _ pattern: String, _ permission: Permission, rate: RateClass?, query: AcceptedQuery = [], lane: Lane = .shared,
        _ handler: @escaping Handler
    ) {
        add(.delete, pattern, RoutePolicy(permission, rate: rate, query: query, lane: lane), handler)
    }

    /// Sets the handler for paths no route matches, whatever the method (a web page's "not
    /// found" for browsers, say). It gets no path parameters and no parsed query, and runs
    /// under no policy: it answers, it does not serve a resource.
    public mutating func setFallback(_ handler: @escaping Handler) {
        fallback = handler
    }

    private static func insert(
        _ node: inout Node, segments: ArraySlice<Substring>, pattern: String, method: Method, policy: RoutePolicy,
        handler: @escaping Handler, quick: QuickAnswer?
    ) {
        guard let segment = segments.first else {
            precondition(node.handler(for: method) == nil, "route registered twice")
            node.handlers.append(MethodHandler(method: method, policy: policy, handler: handler, quick: quick))
            node.pattern = pattern
            return
        }
        let rest = segments.dropFirst()
        if segment.hasPrefix("{") && segment.hasSuffix("}") {
            let name = String(segment.dropFirst().dropLast())
            if node.parameter.isEmpty {
                var child = Node()
                child.parameterName = name
                node.parameter.append(child)
            }
            precondition(node.parameter[0].parameterName == name, "conflicting parameter names at one position")
            insert(&node.parameter[0], segments: rest, pattern: pattern, method: method, policy: policy, handler: handler, quick: quick)
        } else {
            let literal = String(segment)
            let index =
                node.literals.firstIndex { $0.segment == literal }
                ?? node.literals.endIndex
            if index == node.literals.endIndex { node.literals.append((literal, Node())) }
            insert(&node.literals[index].node, segments: rest, pattern: pattern, method: method, policy: policy, handler: handler, quick: quick)
        }
    }

    // MARK: Routing (on the I/O loop)

    public func route(_ request: Request, client: Client, requestID: String) -> RouteMatch {
        func answer(_ response: Response, pattern: String? = nil) -> RouteMatch {
            RouteMatch(target: .answer(response), policy: .open, pattern: pattern, client: client, requestID: requestID)
        }
        if request.target == "*" {
            var response = Response(status: .noContent)
            response.headers.set("Allow", Self.implementedMethods.map(\.description).joined(separator: ", "))
            return answer(response)
        }
        var segments: [PathSegment] = []
        // Room for the segments of any API path, so the array is allocated once, not grown.
        segments.reserveCapacity(8)
        for raw in request.path.dropFirst().split(ascii: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let segment = PathSegment(raw) else {
                return answer(ProblemDetails(status: .badRequest, detail: "The path has invalid percent-encoding or is not UTF-8.").response)
            }
            segments.append(segment)
        }
        var parameters = PathParameters()
        guard let node = Self.match(root, segments: segments[...], parameters: &parameters) else {
            guard let fallback else { return answer(Self.notFound) }
            return RouteMatch(target: .fallback(fallback), policy: .open, pattern: nil, client: client, requestID: requestID)
        }
        guard let found = node.handler(for: request.method) ?? (request.method == .head ? node.handler(for: .get) : nil) else {
            var response =
                request.method == .options
                ? Response(status: .noContent)
                : ProblemDetails(status: .methodNotAllowed, detail: "\(request.method) is not allowed here.").response
            response.headers.set("Allow", node.allowedMethods)
            return answer(response, pattern: node.pattern)
        }
        return RouteMatch(
            target: .handler(found.handler, parameters: parameters, quick: found.quick), policy: found.policy, pattern: node.pattern,
            client: client, requestID: requestID)
    }

    // MARK: The policy check (on a worker)

    public func admit(_ request: Request, _ match: inout RouteMatch) -> Response? {
        guard match.caller == nil else { return nil }
        guard case .handler = match.target else {
            match.caller = .anonymous
            return nil
        }
        let policy = match.policy
        if let rateClass = policy.rateClass, case .refused(let wait) = rateClass.admit(match.client) {
            return refusal(.tooManyRequests(retryAfter: wait), match)
        }
        let caller: Caller
        do {
            caller = try authenticate(request, policy.permission, match.client)
        } catch let error as ResponseError {
            return refusal(error.response, match)
        } catch {
            return refusal(serverFault(error, match.requestID), match)
        }
        if let rawQuery = request.query {
            guard let parsed = QueryParameters(parsing: rawQuery) else {
                return refusal(
                    ProblemDetails(status: .badRequest, detail: "The query string has invalid percent-encoding or is not UTF-8.").response, match)
            }
            match.query = parsed
        }
        if let unknown = policy.query.unknownName(in: match.query) {
            var detail = "Unknown query parameter '\(unknown)'"
            if case .only(let names) = policy.query {
                detail += names.isEmpty ? "; this resource takes none." : "; this resource takes: \(names.sorted().joined(separator: ", "))."
            }
            return refusal(ProblemDetails(status: .badRequest, detail: detail).response, match)
        }
        match.caller = caller
        return nil
    }

    /// The caller `request`'s credentials prove, if `permission` admits it.
    private func authenticate(_ request: Request, _ permission: Permission, _ client: Client) throws -> Caller {
        let credentials = request.headers["authorization"]
        if credentials == nil && !permission.admitsAnonymous {
            if case .refused(let wait) = authenticationAllowance(client) { throw Refusal(response: .tooManyRequests(retryAfter: wait)) }
            throw Refusal(response: authenticator?.challenge ?? Self.noCredentialsTaken)
        }
        guard let credentials else { return .anonymous }
        if case .refused(let wait) = authenticationAllowance(client) { throw Refusal(response: .tooManyRequests(retryAfter: wait)) }
        guard let authenticator else { throw Refusal(response: Self.noCredentialsTaken) }
        let caller = try authenticator.caller(presenting: credentials)
        guard permission.admits(caller) else {
            throw ProblemDetails.forbidden(
                permission.requiredRole.map { "This request needs the \($0) role or above; these credentials do not have it." }
                    ?? "These credentials do not allow this request.",
                requiredRole: permission.requiredRole)
        }
        return caller
    }

    /// Whether `client` may still try credentials, without spending anything.
    private func authenticationAllowance(_ client: Client) -> Admission {
        guard let authenticationFailures, client.isLimited else { return .admitted }
        return authenticationFailures.peek(client.key)
    }

    private struct Refusal: ResponseError {
        let response: Response
    }

    private static let noCredentialsTaken: Response = {
        var response = ProblemDetails(status: .unauthorized, detail: "This server accepts no credentials.").response
        response.headers.set("WWW-Authenticate", "Bearer")
        return response
    }()

    /// A refusal from the policy check, labelled with its route; a `401` spends the client's
    /// allowance of authentication failures.
    private func refusal(_ response: Response, _ match: RouteMatch) -> Response {
        var response = response
        response.route = match.pattern
        recordFailedAuthentication(response, match.client)
        return response
    }

    private func recordFailedAuthentication(_ response: Response, _ client: Client) {
        guard response.status == .unauthorized, let authenticationFailures, client.isLimited else { return }
        _ = authenticationFailures.admit(client.key)
    }

    // MARK: Answering from memory (on the I/O loop)

    public func quickResponse(to request: Request, _ match: inout RouteMatch) -> Response? {
        guard case .handler(_, _, let quick?) = match.target, Self.mayAnswerQuickly(request) else { return nil }
        if let refusal = admit(request, &match) { return refusal }
        guard var response = quick(request) else { return nil }
        response.route = match.pattern
        return response
    }

    /// Whether a route's quick answer is asked for `request`: only without credentials, so the
    /// policy check blocks on nothing (no token to look up).
    private static func mayAnswerQuickly(_ request: Request) -> Bool {
        !request.headers.contains("authorization")
    }

    // MARK: Answering (on a worker)

    public func respond(to request: Request, _ match: RouteMatch) -> Response {
        var match = match
        if let refusal = admit(request, &match) { return refusal }
        let context = { (parameters: PathParameters, quickAnswerMissed: Bool) in
            RequestContext(
                request: request, parameters: parameters, query: match.query, requestID: match.requestID, client: match.client,
                caller: match.caller ?? .anonymous, quickAnswerMissed: quickAnswerMissed)
        }
        switch match.target {
        case .answer(var response):
            response.route = match.pattern
            return response
        case .fallback(let handler):
            return run(handler, context([:], false), match)
        case .handler(let handler, let parameters, let quick):
            // The connection asks `quickResponse` before it hands a request to a worker.
            let quickAnswerMissed = quick != nil && Self.mayAnswerQuickly(request)
            var response = run(handler, context(parameters, quickAnswerMissed), match)
            response.route = match.pattern
            return response
        }
    }

    /// The answer to a path no route matches, when there is no fallback.
    public static let notFound = ProblemDetails(status: .notFound, detail: "No resource at this path.").response

    private func run(_ handler: Handler, _ context: RequestContext, _ match: RouteMatch) -> Response {
        let response: Response
        do {
            response = try handler(context)
        } catch let error as ResponseError {
            response = error.response
        } catch {
            return serverFault(error, context.requestID)
        }
        recordFailedAuthentication(response, match.client)
        return response
    }

    private func serverFault(_ error: Error, _ requestID: String) -> Response {
        logger.error("unhandled error", ["request_id": requestID, "error": "\(error)"])
        return ProblemDetails(status: .internalServerError, detail: "The server failed to handle this request.").response
    }

    /// Finds the node for `segments`, preferring literals and backtracking to a parameter.
    private static func match(_ node: Node, segments: ArraySlice<PathSegment>, parameters: inout PathParameters) -> Node? {
        guard let segment = segments.first else { return node.handlers.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if let literal = node.literals.first(where: { segment.matches($0.segment) }),
            let found = match(literal.node, segments: rest, parameters: &parameters)
        {
            return found
        }
        if let parameter = node.parameter.first, !segment.isEmpty,
            let found = match(parameter, segments: rest, parameters: &parameters)
        {
            parameters[parameter.parameterName] = segment.text
            return found
        }
        return nil
    }

    /// A path segment as matching sees it: as received when it holds no escape, as most do,
    /// so that only a parameter's value becomes a `String` of its own; decoded otherwise.
    private struct PathSegment {
        let raw: Substring
        /// The decoded text when `raw` holds a `%` escape.
        let decoded: String?

        /// Nil when the segment's escapes are invalid or decode to something that is not UTF-8.
        init?(_ raw: Substring) {
            self.raw = raw
            guard Self.withBytes(raw, { $0.contains(UInt8(ascii: "%")) }) else {
                decoded = nil
                return
            }
            guard let decoded = PercentDecoding.decode(raw, mode: .pathSegment) else { return nil }
            self.decoded = decoded
        }

        /// Escapes decode to a byte each, so a segment is empty as received or not at all.
        var isEmpty: Bool { raw.isEmpty }

        var text: String { decoded ?? String(raw) }

        func matches(_ literal: String) -> Bool {
            if let decoded { return decoded == literal }
            guard raw.utf8.count == literal.utf8.count else { return false }
            var literal = literal
            return literal.withUTF8 { expected in Self.withBytes(raw) { $0.elementsEqual(expected) } }
        }

        /// Runs `body` on the text's bytes through a pointer: stepping `utf8`'s indices checks
        /// bounds and encoding at each byte, several times the cost for these short texts.
        private static func withBytes(_ text: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
        }
    }
}
