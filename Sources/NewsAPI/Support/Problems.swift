import HTTP
import JSON
import NewsStore

/// The one place where domain errors become HTTP statuses and problem documents (RFC 9457).
extension NewsStoreError: ResponseError {
    public var response: Response {
        switch self {
        case .notFound(let what):
            return ProblemDetails(status: .notFound, detail: "No such \(what).").response
        case .conflict(let detail):
            return ProblemDetails(status: .conflict, detail: detail).response
        case .invalidQuery(let detail):
            return ProblemDetails(status: .badRequest, detail: detail).response
        case .versionMismatch:
            return ProblemDetails(
                status: .preconditionFailed, detail: "The resource changed since the ETag given in If-Match; fetch it again."
            ).response
        case .invalid(let errors):
            var writer = JSONWriter()
            writer.beginArray()
            for error in errors {
                writer.beginObject()
                writer.member("pointer", error.pointer)
                writer.member("detail", error.detail)
                writer.endObject()
            }
            writer.endArray()
            let list = String(decoding: writer.bytes, as: UTF8.self)
            return ProblemDetails(
                status: .unprocessableContent, detail: "Some fields are invalid; see errors.",
                extensionMembers: [("errors", list)]
            ).response
        }
    }
}

extension ProblemDetails {
    static func badRequest(_ detail: String) -> ProblemDetails { ProblemDetails(status: .badRequest, detail: detail) }
}
