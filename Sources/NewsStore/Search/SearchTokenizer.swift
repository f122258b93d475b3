import SQLite

/// The FTS5 tokenizer of the search index (`tokenize = 'newsstore_arabic'`).
///
/// Documents are split by `ArabicAnalyzer`, and every word is indexed twice at one position:
/// under its *key*, the light stem (or the normalized surface when nothing is stripped), and,
/// colocated, under its surface with `SearchTerms.surfaceMark` in front. Keys make والحكومة,
/// الحكومات and حكومة one term; the marked surfaces keep exact spellings apart, so a query can ask
/// for both and rank documents that also match the exact spelling above stem-only matches. The
/// byte ranges are those of the original text, so `snippet()` marks the words as written, with
/// their harakat.
///
/// Queries are never analyzed here: `SearchTerms` builds every MATCH expression from analyzed
/// words, already spelled as index terms, so a query string is split at spaces and passed through.
struct SearchTokenizer: FullTextTokenizer {
    static let name = "newsstore_arabic"

    /// The keys a document's word is indexed under, besides its marked surface: its stem (or its
    /// surface when nothing is stripped) and, for a listed word (a frequent broken plural, the
    /// dual or ات plural of a short noun: `ListedSingulars`), its singular's key.
    static func keys(of token: AnalyzedToken) -> (key: String, singular: String?) {
        let key = token.stem ?? token.surface
        return (key, ListedSingulars.singular(ofKey: key))
    }

    func tokenize(_ text: UnsafeBufferPointer<UInt8>, for reason: TokenizeReason, into sink: inout FullTextTokenSink) {
        switch reason {
        case .auxiliary:
            // highlight() and snippet() take the matches from the index and ask the tokenizer
            // only where each word lies, counting positions as indexing did (colocated tokens
            // take none): one token per word, its spelling unused. Spelling it would cost the
            // stemming and strings of every word of every column shown, most of a search's
            // time once its ranking is cheap.
            let string = String(decoding: text, as: UTF8.self)
            for range in ArabicAnalyzer.wordRanges(in: string) where !sink.isStopped {
                sink.add("w", covering: min(range.lowerBound, text.count)..<min(range.upperBound, text.count))
            }
        case .document:
            // Text written through this store is valid UTF-8; repairing anything else would shift
            // the byte ranges, so such text is clamped rather than trusted.
            let string = String(decoding: text, as: UTF8.self)
            for token in ArabicAnalyzer.tokens(in: string) where !sink.isStopped {
                let range = min(token.utf8Range.lowerBound, text.count)..<min(token.utf8Range.upperBound, text.count)
                let keys = Self.keys(of: token)
                sink.add(keys.key, covering: range)
                sink.add(SearchTerms.surfaceMark + token.surface, covering: range, colocated: true)
                if let singular = keys.singular { sink.add(singular, covering: range, colocated: true) }
            }
        case .query, .prefixQuery:
            var start = 0
            for index in 0...text.count where index == text.count || text[index] == UInt8(ascii: " ") {
                if index > start, !sink.isStopped {
                    sink.add(String(decoding: UnsafeBufferPointer(rebasing: text[start..<index]), as: UTF8.self), covering: start..<index)
                }
                start = index + 1
            }
        }
    }
}
