import HTTP
import JSON
import NewsStore

/// Reads a write's JSON body: the media type must be JSON (415 otherwise) and the bytes valid
/// UTF-8 JSON (400 otherwise, saying where it broke).
enum RequestBody {
    enum MediaTypes {
        static let json: Set<String> = ["application/json"]
        static let jsonOrMergePatch: Set<String> = ["application/json", "application/merge-patch+json"]
    }

    static func json(_ request: Request, accepting mediaTypes: Set<String> = MediaTypes.json) throws -> JSONValue {
        guard let contentType = request.headers["content-type"] else {
            throw ProblemDetails(status: .unsupportedMediaType, detail: "Send the body as \(mediaTypes.sorted().joined(separator: " or ")).")
        }
        let parameters = contentType.split(separator: ";").map { $0.trimmingWhitespace.lowercased() }
        let charset = parameters.dropFirst().first { $0.hasPrefix("charset=") }?.dropFirst(8)
        guard let mediaType = parameters.first, mediaTypes.contains(mediaType),
            charset == nil || charset == "utf-8" || charset == "\"utf-8\""
        else {
            throw ProblemDetails(
                status: .unsupportedMediaType,
                detail: "Content-Type must be \(mediaTypes.sorted().joined(separator: " or ")) in UTF-8, not '\(contentType)'.")
        }
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw ProblemDetails.badRequest("The body is not valid JSON: \(error.message)")
        }
    }
}
