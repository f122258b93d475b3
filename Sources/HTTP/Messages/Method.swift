/// A request method. The methods this server implements are cases; any other syntactically
/// valid token is kept in `other`, which the router answers 405 (see `Router`).
public enum Method: Sendable, Hashable, CustomStringConvertible {
    case get, head, post, put, patch, delete, options
    case other(String)

    init(token: String) {
        switch token {
        case "GET": self = .get
        case "HEAD": self = .head
        case "POST": self = .post
        case "PUT": self = .put
        case "PATCH": self = .patch
        case "DELETE": self = .delete
        case "OPTIONS": self = .options
        default: self = .other(token)
        }
    }

    public var description: String {
        switch self {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .patch: "PATCH"
        case .delete: "DELETE"
        case .options: "OPTIONS"
        case .other(let token): token
        }
    }
}
