import SQLite

/// How search orders its hits: `newsstore_rank(article_search, plan, sort_at, now)`, higher
/// first. Computed from the row's hits alone, in one pass:
///
/// - Each term scores its weighted hits, title 10, summary 4, body 1, through a saturating
///   curve (x · 2.2 / (x + 1.2), as in BM25): the first hits count most, the fortieth adds
///   little, and the scores of the terms add up.
/// - Every term in the title doubles the score: a headline says what an article is about.
///   (bm25's column weights cannot do this: the curve flattens a title hit into little more
///   than a body hit.)
/// - Every word and phrase spelled exactly as typed (normalized) somewhere multiplies it by 1.3: above
///   articles with other forms of the words, below a headline with another form.
/// - A mild recency factor: 1.25 for an article published now, 1.125 a month ago, towards 1
///   for old ones.
///
/// There is no inverse document frequency: every hit has every term (terms are ANDed), so it
/// would only weigh one term's repetitions against another's. There is no length
/// normalization either: news articles differ little in length, and the curve already keeps
/// a long article from winning by repetition. Both would cost a lookup per hit, and a common
/// word has a hit in most articles.
struct SearchRanking: FullTextRanker {
    static let name = "newsstore_rank"

    /// What each phrase of the MATCH expression stands for, in order.
    struct Plan {
        let phrases: [SearchTerms.Phrase]
        let termCount: Int
        /// The terms that have an exact phrase (a prefix has none).
        let exactTerms: UInt32
    }

    static let columnWeights: [Double] = [10, 4, 1]
    static let titleBoost = 2.0
    static let exactBoost = 1.3
    static let recencyHalfLife = Double(30 * 24 * 3_600_000)

    func plan(_ arguments: FullTextArguments) -> Plan {
        let phrases = SearchTerms.phrases(fromPlan: arguments.text(at: 0))
        let exactTerms = phrases.filter(\.isExact).reduce(UInt32(0)) { $0 | 1 << $1.term }
        return Plan(phrases: phrases, termCount: (phrases.map(\.term).max() ?? -1) + 1, exactTerms: exactTerms)
    }

    func score(_ match: FullTextMatch, plan: Plan, arguments: FullTextArguments) -> Double {
        // Runs for every hit of a query, tens of thousands of rows for a common word: bit sets
        // and a stack buffer keep it free of heap allocation and hashing (there are at most
        // SearchTerms.maximumTerms terms).
        var inTitle: UInt32 = 0
        var exact: UInt32 = 0
        var score = 0.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: plan.termCount) { weighted in
            weighted.initialize(repeating: 0)
            for (phrase, role) in plan.phrases.enumerated() {
                if role.isExact {
                    // One hit says it all: the rest of an exact phrase's list is not read.
                    match.forEachHit(ofPhrase: phrase) { _ in
                        exact |= 1 << role.term
                        return false
                    }
                } else {
                    match.forEachHit(ofPhrase: phrase) { column in
                        guard column < Self.columnWeights.count else { return true }
                        weighted[role.term] += Self.columnWeights[column]
                        if column == 0 { inTitle |= 1 << role.term }
                        return true
                    }
                }
            }
            for value in weighted { score += value * 2.2 / (value + 1.2) }
        }
        let all: UInt32 = plan.termCount >= 32 ? .max : (1 << plan.termCount) - 1
        if inTitle == all { score *= Self.titleBoost }
        if plan.exactTerms != 0, exact == plan.exactTerms { score *= Self.exactBoost }
        let age = Double(max(0, arguments.int64(at: 2) - arguments.int64(at: 1)))
        return score * (1 + 0.25 * Self.recencyHalfLife / (Self.recencyHalfLife + age))
    }
}
