/// One piece of an article body. Bodies are typed blocks rather than HTML so that every
/// client (web, app, feed) renders them its own way and nothing unsafe is ever stored.
public enum Block: Sendable, Equatable {
    case paragraph(String)
    /// A sub-heading, level 2 to 4 (the title is level 1).
    case heading(String, level: Int)
    /// A pull quote.
    case quote(String)
    case list(items: [String], ordered: Bool)
    case image(Image)

    public struct Image: Sendable, Equatable {
        public var url: String
        public var alt: String?
        public var caption: String?
        public var credit: String?

        public init(url: String, alt: String? = nil, caption: String? = nil, credit: String? = nil) {
            self.url = url
            self.alt = alt
            self.caption = caption
            self.credit = credit
        }
    }

    /// The block's words, for plain-text rendering and search.
    public var plainText: String {
        switch self {
        case .paragraph(let text), .heading(let text, _), .quote(let text): text
        case .list(let items, _): items.joined(separator: "\n")
        case .image(let image): image.caption ?? ""
        }
    }

    /// Splits a plain-text body into paragraphs: blank lines separate them, and line breaks
    /// inside a paragraph are kept.
    public static func paragraphs(fromPlainText text: String) -> [Block] {
        var blocks: [Block] = []
        var current: [Substring] = []
        func flush() {
            if !current.isEmpty { blocks.append(.paragraph(current.joined(separator: "\n"))) }
            current = []
        }
        // Character.isNewline covers LF, CRLF (one Character in Swift) and CR alike.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty { flush() } else { current.append(trimmed) }
        }
        flush()
        return blocks
    }
}
