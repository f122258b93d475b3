/// Routes requests by method and path pattern to handlers.
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
public struct Router: Responder {
    private struct Node: Sendable {
        var literals: [String: Node] = [:]
        /// At most one parameter child; an array because a struct cannot hold itself directly.
        var parameter: [Node] = []
        var parameterName = ""
        var handlers: [(method: Method, handler: Handler)] = []
        /// The pattern as registered, for metrics labels.
        var pattern = ""

        func handler(for method: Method) -> Handler? {
            handlers.first { $0.method == method }?.handler
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
    /// Answers requests whose path no route matches; without one they get a 404 problem.
    private var fallback: Handler?
    /// Every registered route, in registration order, for documentation checks.
    public private(set) var routes: [(method: Method, pattern: String)] = []

    public init(logger: Logger) {
        self.logger = logger
    }

    /// Registers `handler` for `method` on `pattern` (e.g. `/api/v1/articles/{id}`).
    public mutating func add(_ method: Method, _ pattern: String, _ handler: @escaping Handler) {
        precondition(pattern.hasPrefix("/"), "route patterns start with /")
        let segments = pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        Self.insert(&root, segments: segments[...], pattern: pattern, method: method, handler: handler)
        routes.append((method, pattern))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }
    public mutating func put(_ pattern: String, _ handler: @escaping Handler) { add(.put, pattern, handler) }
    public mutating func patch(_ pattern: String, _ handler: @escaping Handler) { add(.patch, pattern, handler) }
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler) { add(.delete, pattern, handler) }

    /// Sets the handler for paths no route matches, whatever the method (a web page's "not
    /// found" for browsers, say). It gets no path parameters and no parsed query.
    public mutating func setFallback(_ handler: @escaping Handler) {
        fallback = handler
    }

    private static func insert(_ node: inout Node, segments: ArraySlice<Substring>, pattern: String, method: Method, handler: @escaping Handler) {
        guard let segment = segments.first else {
            precondition(node.handler(for: method) == nil, "route registered twice")
            node.handlers.append((method, handler))
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
            insert(&node.parameter[0], segments: rest, pattern: pattern, method: method, handler: handler)
        } else {
            insert(&node.literals[String(segment), default: Node()], segments: rest, pattern: pattern, method: method, handler: handler)
        }
    }

    public func respond(to request: Request, requestID: String) -> Response {
        if request.target == "*" {
            var response = Response(status: .noContent)
            response.headers.set("Allow", Self.implementedMethods.map(\.description).joined(separator: ", "))
            return response
        }
        var segments: [String] = []
        for raw in request.path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = PercentDecoding.decode(raw, mode: .pathSegment) else {
                return ProblemDetails(status: .badRequest, detail: "The path has invalid percent-encoding or is not UTF-8.").response
            }
            segments.append(segment)
        }
        var parameters: [String: String] = [:]
        guard let node = Self.match(root, segments: segments[...], parameters: &parameters) else {
            guard let fallback else { return Self.notFound }
            return run(fallback, RequestContext(request: request, parameters: [:], query: QueryParameters(), requestID: requestID))
        }
        let handler = node.handler(for: request.method) ?? (request.method == .head ? node.handler(for: .get) : nil)
        guard let handler else {
            var response =
                request.method == .options
                ? Response(status: .noContent)
                : ProblemDetails(status: .methodNotAllowed, detail: "\(request.method) is not allowed here.").response
            response.headers.set("Allow", node.allowedMethods)
            return response
        }
        var query = QueryParameters()
        if let rawQuery = request.query {
            guard let parsed = QueryParameters(parsing: rawQuery) else {
                return ProblemDetails(status: .badRequest, detail: "The query string has invalid percent-encoding or is not UTF-8.").response
            }
            query = parsed
        }
        var response = run(handler, RequestContext(request: request, parameters: parameters, query: query, requestID: requestID))
        response.route = node.pattern
        return response
    }

    /// The answer to a path no route matches, when there is no fallback.
    public static let notFound = ProblemDetails(status: .notFound, detail: "No resource at this path.").response

    private func run(_ handler: Handler, _ context: RequestContext) -> Response {
        do {
            return try handler(context)
        } catch let error as ResponseError {
            return error.response
        } catch {
            logger.error("unhandled error", ["request_id": context.requestID, "error": "\(error)"])
            return ProblemDetails(status: .internalServerError, detail: "The server failed to handle this request.").response
        }
    }

    /// Finds the node for `segments`, preferring literals and backtracking to a parameter.
    private static func match(_ node: Node, segments: ArraySlice<String>, parameters: inout [String: String]) -> Node? {
        guard let segment = segments.first else { return node.handlers.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if let literal = node.literals[segment], let found = match(literal, segments: rest, parameters: &parameters) {
            return found
        }
        if let parameter = node.parameter.first, !segment.isEmpty,
            let found = match(parameter, segments: rest, parameters: &parameters)
        {
            parameters[parameter.parameterName] = segment
            return found
        }
        return nil
    }
}
