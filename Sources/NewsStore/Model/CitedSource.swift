/// An outlet or document the article reports from, e.g. "إرم نيوز" with relation
/// "reported_by". Kept as data so a frontend can credit it and readers can filter by it.
public struct CitedSource: Sendable, Equatable {
    public var name: String
    public var url: String?
    /// How the article uses the source, free text such as "reported_by" or "quoted".
    public var relation: String?

    public init(name: String, url: String? = nil, relation: String? = nil) {
        self.name = name
        self.url = url
        self.relation = relation
    }
}
