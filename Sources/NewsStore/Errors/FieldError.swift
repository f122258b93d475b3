/// One invalid field of a write, located by a JSON Pointer (RFC 6901) into the request body,
/// e.g. `/body/2/text`, so an editor's form can mark the exact input.
public struct FieldError: Sendable, Equatable {
    public let pointer: String
    public let detail: String

    public init(_ pointer: String, _ detail: String) {
        self.pointer = pointer
        self.detail = detail
    }
}
