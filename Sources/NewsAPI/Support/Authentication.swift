import HTTP
import NewsStore

/// Bearer-token authentication (RFC 6750) in front of the token service, for the router's
/// policy check: routes declare their permission, the router asks this who the caller is.
struct Authentication: Authenticator {
    let tokens: TokenService

    /// A valid token proves an authenticated caller: its holder, with the holder's role as the
    /// caller's one role name. A token that is present but wrong is refused rather than
    /// downgraded to a reader, so a misconfigured client learns at once.
    func caller(presenting credentials: String) throws -> Caller {
        let parts = credentials.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.challenge("invalid_request", "The Authorization header must be 'Bearer <token>'.")
        }
        let holder: TokenHolder?
        do {
            holder = try tokens.holder(of: String(parts[1].trimmingWhitespace))
        } catch let expired as TokenService.Expired {
            throw Self.challenge("invalid_token", "The token expired at \(expired.expiredAt.rfc3339); ask an admin for a new one.")
        }
        guard let holder else {
            throw Self.challenge("invalid_token", "The token is unknown or revoked.")
        }
        return .authenticated(identity: holder.identity, roles: [holder.role.rawValue])
    }

    var challenge: Response { Self.tokenRequired.response }

    /// The `401` to a request that needs a token and sent none.
    static let tokenRequired = challenge(nil, "This request needs an Authorization: Bearer token.")

    private static func challenge(_ error: String?, _ detail: String) -> FinishedResponse {
        var response = ProblemDetails(status: .unauthorized, detail: detail).response
        response.headers.set("WWW-Authenticate", error.map { "Bearer realm=\"newsstore\", error=\"\($0)\"" } ?? "Bearer realm=\"newsstore\"")
        return FinishedResponse(response: response)
    }
}

extension RequestContext {
    /// Editors (any valid token) see drafts and get private answers; readers the public site.
    var audience: Audience { caller.isAuthenticated ? .editor : .reader }

    /// Who makes the change this request asks for, for the services to record. Only routes
    /// that admit authenticated callers alone ask, so the caller carries one known role.
    var principal: Principal {
        let role = caller.roles.lazy.compactMap(Role.init(rawValue:)).max() ?? .contributor
        return Principal(identity: caller.identity, role: role, clientAddress: client.address, requestID: requestID)
    }
}

extension Permission {
    /// Callers holding `role` or any role above it.
    static func role(_ role: Role) -> Permission {
        .anyRole(Set(role.andAbove.map(\.rawValue)), requiredRole: role.rawValue)
    }
}
