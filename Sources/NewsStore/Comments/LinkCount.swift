/// How many links a text holds, as a spam rule counts them: every word that starts an address
/// (`http://`, `https://`, `www.`), wherever it starts inside the word, so `(https://a.example)`
/// and `انظرwww.example.com` count too. Bare domains (`example.com`) are not counted: news
/// comments name sites in passing, and a reader's browser does not make them links.
enum LinkCount {
    private static let starts = ["http://", "https://", "www."]

    static func of(_ text: String) -> Int {
        var count = 0
        for word in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            var rest = Substring(word)
            while let range = starts.compactMap({ rest.firstRange(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
                count += 1
                rest = rest[range.upperBound...]
                // `https://www.x` is one link, not two.
                if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
            }
        }
        return count
    }
}
