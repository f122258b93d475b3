import HTTP
import NewsStore

/// Bearer-token authentication (RFC 6750) in front of the token service.
struct Authentication: Sendable {
    let tokens: TokenService

    /// The audience a request belongs to: an editor with a valid token, a reader without any
    /// token. A token that is present but wrong is refused rather than downgraded to a reader,
    /// so a misconfigured client learns at once.
    func audience(of request: Request) throws -> Audience {
        guard let header = request.headers["authorization"] else { return .reader }
        try requireValid(header)
        return .editor
    }

    /// Refuses unless the request carries a valid token.
    func requireEditor(_ request: Request) throws {
        guard let header = request.headers["authorization"] else {
            throw Self.challenge(nil, "This request needs an Authorization: Bearer token.")
        }
        try requireValid(header)
    }

    private func requireValid(_ header: String) throws {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.challenge("invalid_request", "The Authorization header must be 'Bearer <token>'.")
        }
        guard try tokens.isAuthorized(String(parts[1].trimmingWhitespace)) else {
            throw Self.challenge("invalid_token", "The token is unknown or revoked.")
        }
    }

    private static func challenge(_ error: String?, _ detail: String) -> FinishedResponse {
        var response = ProblemDetails(status: .unauthorized, detail: detail).response
        response.headers.set("WWW-Authenticate", error.map { "Bearer realm=\"newsstore\", error=\"\($0)\"" } ?? "Bearer realm=\"newsstore\"")
        return FinishedResponse(response: response)
    }
}
