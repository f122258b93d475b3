/// Who makes a change, as the services record it (article ownership, revisions, the audit
/// log): the person a token belongs to and the token's role, with where the request came from.
/// The server's own work (scheduled publication, command-line maintenance) is `system`.
public struct Principal: Sendable, Equatable {
    /// The person a token belongs to (the token's name), `bootstrap` for the bootstrap token.
    public let identity: String
    public let role: Role
    /// The client's address as the server saw it (a trusted proxy's forwarded one); empty
    /// when the change came from no request.
    public let clientAddress: String
    /// The request's `X-Request-ID`; empty when the change came from no request.
    public let requestID: String

    public init(identity: String, role: Role, clientAddress: String = "", requestID: String = "") {
        self.identity = identity
        self.role = role
        self.clientAddress = clientAddress
        self.requestID = requestID
    }

    /// The server itself, or a command run on its machine by whoever holds the database file.
    public static let system = Principal(identity: "system", role: .admin)
}
