/// What the server runs. It routes a request as soon as its head is known, on the I/O loop;
/// answers it there when the route has a quick answer for it (`QuickAnswer`); else checks the
/// route's policy on a worker (before reading a body, when one is coming) and answers on the
/// worker the route's lane names. `Router` is one; wrappers such as CORS forward to another.
public protocol Responder: Sendable {
    /// Matches `request`'s method and decoded path. Runs on an I/O loop: never blocks.
    func route(_ request: Request, client: Client, requestID: String) -> RouteMatch

    /// Checks `match`'s policy for `request` (rate class, permission, query parameters): nil
    /// admits it and records the caller in `match`; otherwise the answer to send instead.
    func admit(_ request: Request, _ match: inout RouteMatch) -> Response?

    /// The route's quick answer to a whole `request`, on the I/O loop: nil when it has none
    /// (or the request carries credentials), and a worker answers as usual. Admits the request
    /// first, so a refusal is the answer, and a request that goes on to a worker admitted is
    /// not checked (nor counted against its rate) again.
    func quickResponse(to request: Request, _ match: inout RouteMatch) -> Response?

    /// Answers `request`, admitting it first unless `match` was admitted already. Called once
    /// `quickResponse` had no answer for it: a handler may count on that
    /// (`RequestContext.quickAnswerMissed`).
    func respond(to request: Request, _ match: RouteMatch) -> Response
}

extension Responder {
    /// Routes, admits and answers `request` at once as a connection does (a quick answer when
    /// the route has one, else on this thread), for callers in this process (tests, fuzzers):
    /// the client is identified with the default settings.
    public func respond(to request: Request, requestID: String) -> Response {
        var match = route(request, client: ClientIdentification().client(of: request), requestID: requestID)
        if let answer = quickResponse(to: request, &match) { return answer }
        return respond(to: request, match)
    }
}
