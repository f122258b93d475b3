/// Whom an audit row blames, as the row stores it. Usually a `Principal` (a token's holder,
/// or `system`); a reader who posts a comment holds no token, so no `Role`, and is written as
/// identity `anonymous` with role `reader` and the request id that sent it.
struct AuditActor: Equatable {
    let identity: String
    let role: String
    let clientAddress: String
    let requestID: String

    init(_ principal: Principal) {
        identity = principal.identity
        role = principal.role.rawValue
        clientAddress = principal.clientAddress
        requestID = principal.requestID
    }

    private init(identity: String, role: String, clientAddress: String, requestID: String) {
        self.identity = identity
        self.role = role
        self.clientAddress = clientAddress
        self.requestID = requestID
    }

    /// The identity and role audit rows give readers, who write without a token.
    static let readerIdentity = "anonymous"
    static let readerRole = "reader"

    /// A reader without a token, known by the request alone. Not by the address: the comment
    /// keeps that for moderators until `comment_address_retention_days` clears it, and a log
    /// that refuses every UPDATE could never forget it. The row's object names the comment,
    /// so nothing is lost while the address is kept.
    static func reader(requestID: String) -> AuditActor {
        AuditActor(identity: readerIdentity, role: readerRole, clientAddress: "", requestID: requestID)
    }
}
