import JSON

/// An article body: its blocks, kept in their canonical JSON form. The JSON is what is stored
/// and what the API sends for the default representation, so reading an article never decodes
/// and re-encodes its body; the blocks are decoded only for the HTML and text renderings.
public struct ArticleBody: Sendable, Equatable {
    public let json: [UInt8]

    public init(_ blocks: [Block]) {
        var writer = JSONWriter()
        BlockCoding.write(blocks, to: &writer)
        json = writer.bytes
    }

    /// Wraps JSON this module wrote earlier (read back from the database).
    init(storedJSON: [UInt8]) {
        json = storedJSON
    }

    public var blocks: [Block] {
        guard let value = try? JSONParser.parse(json) else { return [] }
        var errors: [FieldError] = []
        return BlockCoding.decodeBlocks(value, at: "", errors: &errors)
    }

    /// The words of the body, paragraphs separated by blank lines.
    public var plainText: String {
        blocks.map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}
