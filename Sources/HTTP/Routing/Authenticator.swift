/// Turns a request's `Authorization` field into a caller; the application supplies it (the
/// router knows no token store). It runs on a worker, since checking credentials may read a
/// database.
public protocol Authenticator: Sendable {
    /// The caller `credentials` (the field's value) prove; throws a `ResponseError` (a `401`
    /// challenge) when they prove nothing.
    func caller(presenting credentials: String) throws -> Caller

    /// The `401` answer to a request without the credentials its route needs.
    var challenge: Response { get }
}
