import HTTP
import JSON
import Testing

@testable import NewsAPI

/// Requests with any header fields, for the tests that moved here from the end-to-end suite:
/// what they check is decided by the routes, not the transport, so no process is needed.
extension TestAPI {
    /// The editors' bearer token, as a header field.
    static let editor = ("authorization", "Bearer \(OpenAPITests.adminToken)")

    /// `method target` through the routes, with `headers` and a body when one is given.
    func respond(_ method: HTTP.Method, _ target: String, headers: [(String, String)] = [], body: String? = nil) -> Response {
        let request = Request(method: method, target: target, headers: Headers(headers), body: Array((body ?? "").utf8))
        return router.respond(to: request, requestID: "t")
    }

    /// `method target` as an editor, with a JSON body when one is given and `headers` besides.
    func edit(_ method: HTTP.Method, _ target: String, _ json: String? = nil, headers: [(String, String)] = []) -> Response {
        let type = json == nil ? [] : [("content-type", "application/json")]
        return respond(method, target, headers: [Self.editor] + type + headers, body: json)
    }
}

extension Response {
    /// The body parsed as JSON (`null` when it is not JSON).
    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    /// Checks that this is a problem document for `status`.
    func expectProblem(_ status: Status, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.status == status, sourceLocation: sourceLocation)
        #expect(headers["Content-Type"] == "application/problem+json; charset=utf-8", sourceLocation: sourceLocation)
        #expect(json["status"]?.int64Value == Int64(status.code), sourceLocation: sourceLocation)
    }
}
