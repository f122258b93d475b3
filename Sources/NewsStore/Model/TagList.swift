/// An article's tags, kept in the JSON form the API sends (`[{id, slug, name}]`). Listings
/// and article reads splice these bytes into responses as they are; decoding them into
/// references, a tenth of an article read's time, happens only where a caller needs them.
public struct TagList: Sendable, Equatable {
    public let json: [UInt8]

    public init(_ references: [TermReference]) {
        json = Array(LinkCoding.json(references).utf8)
    }

    /// Wraps a copy this module wrote earlier (read back from the database).
    init(storedJSON: [UInt8]) {
        json = storedJSON
    }

    public var references: [TermReference] { LinkCoding.tags(json) }
}
