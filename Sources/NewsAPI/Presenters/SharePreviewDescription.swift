import NewsStore

/// The one-line description a share preview shows under the title: the article's summary,
/// else its first paragraph, on one line and cut at a word to about 200 characters, which is
/// what search results and link cards display before cutting it themselves mid-word.
enum SharePreviewDescription {
    static let length = 200

    static func of(_ article: Article) -> String? {
        if let summary = article.summary, let text = trimmed(summary) { return text }
        for block in article.body.blocks {
            if case .paragraph(let text) = block, let trimmed = trimmed(text) { return trimmed }
        }
        return nil
    }

    /// `text` with its white space (line breaks included) folded to single spaces and, when
    /// longer than `length` characters, cut after the last whole word that fits, any trailing
    /// comma or colon dropped, and an ellipsis added; nil when nothing but white space.
    static func trimmed(_ text: String, length: Int = SharePreviewDescription.length) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return nil }
        var result = ""
        var count = 0
        for word in words {
            let added = (count == 0 ? 0 : 1) + word.count
            guard count + added <= length else {
                // A single word longer than the limit is cut inside it: better than nothing.
                if count == 0 { return String(word.prefix(length - 1)) + "…" }
                while let last = result.last, Self.trailingPunctuation.contains(last) { result.removeLast() }
                return result + "…"
            }
            if count > 0 { result += " " }
            result += word
            count += added
        }
        return result
    }

    /// Marks that read badly before an ellipsis: Arabic and Latin commas, semicolons, colons, dashes.
    private static let trailingPunctuation: Set<Character> = [",", "،", ";", "؛", ":", "-", "–", "—"]
}
