import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// Search marks a hit's title and cuts its snippet itself (`MatchedColumn`), from the article's
/// columns and the row's phrase instances; the marks must be those FTS5's `highlight()` and
/// `snippet()` give for the same row, on texts that exercise their rules: sentences that begin
/// after a full stop or a colon, matches at either end, next to each other or far apart, phrases
/// across the snippet's edges, harakat, and a ligature that spells four words.
///
/// One difference is wanted: when two separate matches fall in one ligature (عليه وسلم in ﷺ),
/// the FTS5 of SQLite 3.40 copies the rest of the column again after the first mark (it reads
/// a negative length as "up to the end"); the ligature is marked once, as later SQLite does.
@Suite struct MatchedColumnTests {
    /// Every column of every hit of `query`, marked by FTS5 and by `MatchedColumn`.
    private func compare(_ store: StoreFixture, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expression = try SearchTerms(parsing: query).matchExpression
        try store.database.pool.read { db in
            try db.withStatement(
                """
                SELECT rowid, title, summary, body, \(SearchSchema.instancesFunction)(article_search),
                       highlight(article_search, 0, char(2), char(3)), highlight(article_search, 1, char(2), char(3)),
                       highlight(article_search, 2, char(2), char(3)), snippet(article_search, 1, char(2), char(3), '…', 32),
                       snippet(article_search, 2, char(2), char(3), '…', 32), snippet(article_search, 2, char(2), char(3), '…', 5)
                FROM article_search WHERE article_search MATCH ?1
                """
            ) { statement in
                try statement.bind([.text(expression)])
                var rows = 0
                while try statement.step() {
                    rows += 1
                    let id = statement.int64(at: 0)
                    let instances = FullTextInstances(encoded: statement.blob(at: 4) ?? [])
                    let columns = (0..<3).map { MatchedColumn(text: statement.string(at: 1 + $0) ?? "", column: $0, instances: instances) }
                    for column in 0..<3 {
                        #expect(
                            columns[column].highlighted() == MarkedText(fts5Marked: statement.string(at: 5 + column) ?? ""),
                            "highlight, \(query), article \(id), column \(column)", sourceLocation: sourceLocation)
                    }
                    #expect(
                        columns[1].snippet(length: 32, ellipsis: "…") == MarkedText(fts5Marked: statement.string(at: 8) ?? ""),
                        "summary snippet, \(query), article \(id)", sourceLocation: sourceLocation)
                    #expect(
                        columns[2].snippet(length: 32, ellipsis: "…") == MarkedText(fts5Marked: statement.string(at: 9) ?? ""),
                        "body snippet, \(query), article \(id)", sourceLocation: sourceLocation)
                    #expect(
                        columns[2].snippet(length: 5, ellipsis: "…") == MarkedText(fts5Marked: statement.string(at: 10) ?? ""),
                        "short body snippet, \(query), article \(id)", sourceLocation: sourceLocation)
                }
                #expect(rows > 0, "\(query) finds nothing to compare", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func marksAsFTS5DoesOnHandWrittenTexts() throws {
        try withStore { store in
            var input = Sample.article(
                "دِمَشْقُ: حملة رباعية في دمشق",
                body: [
                    .paragraph(
                        "قالت مصادر في دِمَشْقَ إن الاجتماع انتهى. وأضافت أن حملة رباعية ستبدأ قريبا: "
                            + "المشاركة في الحملة الرباعية تشمل أربع دول، وواشنطن تدعم دمشق ودمشق ترحب."),
                    .paragraph(String(repeating: "كلام عام عن الطقس والرياح والأمطار في المنطقة. ", count: 12)),
                    .paragraph("وفي الختام قال النبي \u{FDFA} في دمشق: حملة رباعية."),
                ])
            input.summary = "أعلنت دمشق موافقتها على المشاركة في \"حملة رباعية\" ضد تنظيم داعش، وفق مصادر في دمشق."
            _ = try store.articles.create(input, by: .system)
            _ = try store.articles.create(
                Sample.article(
                    "الطقس اليوم",
                    body: [.paragraph(String(repeating: "كلام عام عن الطقس. ", count: 20) + "وفي آخر النص دمشق ودمشق")]), by: .system)
            for query in ["دمشق", "حملة رباعية", "\"حملة رباعية\"", "دمشق حملة", "وسلم", "الطقس", "رباع*", "دمش* الطقس", "في", "الله"] {
                try compare(store, query)
            }
        }
    }

    @Test func marksALigatureOnceWhenSeveralOfItsWordsMatch() throws {
        try withStore { store in
            _ = try store.articles.create(Sample.article("قال النبي \u{FDFA} في دمشق"), by: .system)
            let hit = try #require(
                try SearchService(database: store.database, clock: store.clock.clock).search(SearchRequest(terms: SearchTerms(parsing: "عليه وسلم")))
                    .hits.first)
            #expect(
                hit.title.fragments == [
                    .init(text: "قال النبي ", isMatch: false), .init(text: "\u{FDFA}", isMatch: true), .init(text: " في دمشق", isMatch: false),
                ])
        }
    }

    @Test func marksAsFTS5DoesOnGeneratedTexts() throws {
        // Texts drawn from a small vocabulary, so that words repeat, sit next to each other and
        // cross every snippet edge; a fixed seed keeps the run the same every time.
        let vocabulary = [
            "دمشق", "دِمَشْقَ", "ودمشق", "حملة", "رباعية", "الحكومة", "حكومات", "في", "من", "على", "قال", "مصادر", "\u{FDFA}",
            "واشنطن", "سوريا", "السورية", "الطقس", "اليوم", "2025", "news", "أسعار", "الذهب",
        ]
        let separators = [" ", " ", " ", " ", "، ", ". ", ": ", ".", " - ", "\n\n", " «", "» "]
        var random = SeededRandom(seed: 18)
        func text(words: Int, breaksLines: Bool = true) -> String {
            var text = ""
            for index in 0..<words {
                if index > 0 {
                    let separator = separators[Int.random(in: 0..<separators.count, using: &random)]
                    text += breaksLines || separator != "\n\n" ? separator : " "
                }
                text += vocabulary[Int.random(in: 0..<vocabulary.count, using: &random)]
            }
            return text
        }
        try withStore { store in
            for _ in 0..<40 {
                var input = Sample.article(
                    text(words: 3 + Int.random(in: 0..<10, using: &random), breaksLines: false),
                    body: [.paragraph(text(words: 10 + Int.random(in: 0..<120, using: &random)))])
                input.summary = Int.random(in: 0..<4, using: &random) == 0 ? nil : text(words: 5 + Int.random(in: 0..<50, using: &random))
                _ = try store.articles.create(input, by: .system)
            }
            for query in [
                "دمشق", "في", "حملة رباعية", "\"حملة رباعية\"", "\"في دمشق\"", "الحكومة", "سوريا", "الله", "وسلم", "news 2025",
                "أسعار الذهب", "دمش*", "حكو* في", "قال مصادر",
            ] {
                try compare(store, query)
            }
        }
    }
}

extension MarkedText {
    /// What FTS5's `highlight()` and `snippet()` return when asked to put char(2) and char(3)
    /// around each match: every mark ends a fragment.
    init(fts5Marked marked: String) {
        var fragments: [Fragment] = []
        var current = ""
        var inMatch = false
        for scalar in marked.unicodeScalars {
            if scalar == "\u{2}" || scalar == "\u{3}" {
                if !current.isEmpty { fragments.append(Fragment(text: current, isMatch: inMatch)) }
                current = ""
                inMatch = scalar == "\u{2}"
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { fragments.append(Fragment(text: current, isMatch: inMatch)) }
        self.init(fragments: fragments)
    }
}
