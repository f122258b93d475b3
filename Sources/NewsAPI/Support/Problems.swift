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
        case .refused(let detail):
            return ProblemDetails(status: .forbidden, detail: detail).response
        case .notAllowed(let detail, let role):
            return ProblemDetails.forbidden(detail, requiredRole: role.rawValue).response
        case .invalidQuery(let detail):
            return ProblemDetails(status: .badRequest, detail: detail).response
        case .versionMismatch:
            return ProblemDetails(
                status: .preconditionFailed, detail: "The resource changed since the ETag given in If-Match; fetch it again."
            ).response
        case .invalid(let errors):
            var writer = JSONWriter()
            writer.beginArray()
            for error in errors.prefix(Self.listedFieldErrors) {
                writer.beginObject()
                writer.member("pointer", error.pointer)
                writer.member("detail", error.detail)
                writer.endObject()
            }
            writer.endArray()
            var members = [("errors", String(decoding: writer.bytes, as: UTF8.self))]
            if errors.count > Self.listedFieldErrors {
                members.append(("more_errors", String(errors.count - Self.listedFieldErrors)))
            }
            return ProblemDetails(
                status: .unprocessableContent, detail: "Some fields are invalid; see errors.", extensionMembers: members
            ).response
        }
    }

    /// The most field errors a 422 lists; `more_errors` counts the rest. A body of 500 bad
    /// blocks would otherwise answer with thousands of errors, a response many times the
    /// request's size, while an editor fixes the first few and sends again.
    static let listedFieldErrors = 20
}

extension ProblemDetails {
    static func badRequest(_ detail: String) -> ProblemDetails { ProblemDetails(status: .badRequest, detail: detail) }
}

extension ProblemDetails {
    /// The answer of every endpoint that writes absolute URLs (feeds, sitemaps, share
    /// previews) while `--public-url` is unset: the request's `Host` is never used instead.
    static let publicURLMissing = ProblemDetails(
        status: .serviceUnavailable,
        detail: "This endpoint needs the public URL: set --public-url (NEWSSTORE_PUBLIC_URL, config key public_url), e.g. https://news.example.",
        extensionMembers: [("setting", "\"public_url\"")])
}
