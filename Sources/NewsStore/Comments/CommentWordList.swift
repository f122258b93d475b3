/// Words and phrases that hold a comment for a moderator under post-moderation, compared after
/// the search analyzer's folding (`ArabicAnalyzer`): harakat, tatweel, alef forms, ة/ه, ى/ي and
/// case do not matter, so `كَلْــب` on the list holds a comment that writes `كلب`, and the other
/// way round. A listed word also matches the same word carrying clitics (`والكلب`, `بالكلب`),
/// through the light stem the index uses; a phrase matches its words in a row.
public struct CommentWordList: Sendable, Equatable {
    /// Each entry as the normalized surfaces of its words.
    let entries: [[String]]

    /// One word or phrase a line; blank lines and lines starting with `#` are skipped.
    public init(lines text: String) {
        var entries: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingWhitespace
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let words = ArabicAnalyzer.tokens(in: String(trimmed)).map(\.surface)
            if !words.isEmpty { entries.append(words) }
        }
        self.entries = entries
    }

    public static let empty = CommentWordList(lines: "")

    /// The number of words and phrases on the list.
    public var count: Int { entries.count }

    /// Whether `text` holds an entry of the list.
    public func matches(_ text: String) -> Bool {
        guard !entries.isEmpty else { return false }
        let tokens = ArabicAnalyzer.tokens(in: text)
        guard !tokens.isEmpty else { return false }
        for entry in entries where entry.count <= tokens.count {
            for start in 0...(tokens.count - entry.count) {
                let matched = entry.indices.allSatisfy { offset in
                    let token = tokens[start + offset]
                    return token.surface == entry[offset] || token.stem == entry[offset]
                }
                if matched { return true }
            }
        }
        return false
    }
}
