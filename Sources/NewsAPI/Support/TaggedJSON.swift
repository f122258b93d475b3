import HTTP

/// A rendered JSON body and how much of it its entity tag covers.
///
/// Articles carry a live counter, `views`, that changes every second without the article
/// changing. Were it covered, the tag would change with it: an editor's `If-Match` would fail
/// on every save for someone else's page view, and no revalidation would ever answer 304. So
/// a presenter writes such counters last and the tag covers the bytes before them: the tag
/// still changes with every change of the resource (its version), as a strong tag must for
/// everything but the counters. One rendering serves both the body and the tag.
struct TaggedJSON: Sendable {
    let bytes: [UInt8]
    /// The length of the prefix the entity tag is computed over.
    let taggedCount: Int

    /// A body whose tag covers all of it.
    init(_ bytes: [UInt8]) {
        self.init(bytes: bytes, taggedCount: bytes.count)
    }

    init(bytes: [UInt8], taggedCount: Int) {
        precondition(taggedCount <= bytes.count, "the tagged prefix lies within the body")
        self.bytes = bytes
        self.taggedCount = taggedCount
    }

    var entityTag: String { EntityTag.of(bytes[..<taggedCount]) }
}
