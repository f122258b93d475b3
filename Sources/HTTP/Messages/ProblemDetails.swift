import JSON

/// An RFC 9457 problem document, the body of every error this server sends.
///
/// The transport uses it for its own rejections (malformed requests, 404, 405); the API layer
/// adds members such as a field-level `errors` list through `extensionMembers`, given as
/// already-encoded JSON values so this module needs no JSON encoder.
public struct ProblemDetails: Sendable {
    public var status: Status
    public var detail: String?
    public var type: String
    /// Extra members: name and its value as JSON text.
    public var extensionMembers: [(name: String, json: String)]

    public init(
        status: Status, detail: String? = nil, type: String = "about:blank",
        extensionMembers: [(name: String, json: String)] = []
    ) {
        self.status = status
        self.detail = detail
        self.type = type
        self.extensionMembers = extensionMembers
    }

    public var json: String {
        var out = "{\"type\":\(JSONString.quote(type)),\"title\":\(JSONString.quote(status.reason))"
        out += ",\"status\":\(status.code)"
        if let detail { out += ",\"detail\":\(JSONString.quote(detail))" }
        for member in extensionMembers { out += ",\(JSONString.quote(member.name)):\(member.json)" }
        out += "}"
        return out
    }

    public var response: Response {
        var headers = Headers()
        headers.set("Content-Type", "application/problem+json; charset=utf-8")
        return Response(status: status, headers: headers, body: Array(json.utf8))
    }
}

extension ProblemDetails {
    /// The `403` to a caller whose credentials are valid but do not allow the request, with a
    /// `required_role` member naming what it lacks, when it is known.
    public static func forbidden(_ detail: String, requiredRole: String?) -> ProblemDetails {
        ProblemDetails(
            status: .forbidden, detail: detail, extensionMembers: requiredRole.map { [("required_role", JSONString.quote($0))] } ?? [])
    }
}
