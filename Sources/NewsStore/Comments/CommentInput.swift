/// A comment as a reader sends it, before the rules are checked.
public struct CommentInput: Sendable, Equatable {
    public var authorName: String?
    public var authorEmail: String?
    public var body: String?
    public var parentID: Int64?
    /// Members that could not be read (wrong type, unknown name), reported with the rules'
    /// findings in one 422.
    public var readErrors: [FieldError] = []

    public init() {}
}
