/// Turns a parsed request into a response. The server calls it on a worker thread.
public protocol Responder: Sendable {
    func respond(to request: Request, requestID: String) -> Response
}
