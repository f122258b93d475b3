/// A reader's related list, already rendered: for each item, in order, the summary's JSON
/// members (as between an object's braces) and whether it is a suggestion. The service fills
/// it from `RelatedSummaryCache` when it has a renderer; `ArticleJSON` splices it as is.
public struct RenderedRelated: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let id: Int64
        /// Where the item's members are in `bytes`.
        public let members: Range<Int>
        public let suggested: Bool
    }

    public private(set) var bytes: [UInt8] = []
    public private(set) var items: [Item] = []

    init() {}

    /// Makes room for `items` items of about `bytesEach` bytes, so a list of a few kilobytes
    /// does not grow, copying, through every doubling.
    mutating func reserveCapacity(items: Int, bytesEach: Int) {
        bytes.reserveCapacity(items * bytesEach)
        self.items.reserveCapacity(items)
    }

    mutating func append(id: Int64, members: ArraySlice<UInt8>, suggested: Bool) {
        let start = bytes.count
        bytes.append(contentsOf: members)
        items.append(Item(id: id, members: start..<bytes.count, suggested: suggested))
    }
}
