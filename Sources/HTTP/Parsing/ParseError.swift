/// Why a request was rejected while parsing. The connection answers with `status` and then
/// closes, because after a framing error the position of the next request is unknown.
public struct ParseError: Error, Sendable, Equatable {
    public let status: Status
    public let detail: String

    init(_ status: Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    static func bad(_ detail: String) -> ParseError { ParseError(.badRequest, detail) }
}
