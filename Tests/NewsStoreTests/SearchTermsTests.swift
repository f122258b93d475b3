import TestSupport
import Testing

@testable import NewsStore

@Suite struct SearchTermsTests {
    private func terms(_ query: String) throws -> SearchTerms {
        try SearchTerms(parsing: query)
    }

    @Test func wordsBecomeQuotedKeyAlternativesJoinedByAnd() throws {
        #expect(try terms("دمشق").matchExpression == #"("دمشق" OR "دمشقه" OR "دمشقي" OR "دمشقا" OR "=دمشق")"#)
        #expect(
            try terms("الحكومة دمشق").matchExpression
                == #"("حكومه" OR "الحكومه" OR "=الحكومه") AND ("دمشق" OR "دمشقه" OR "دمشقي" OR "دمشقا" OR "=دمشق")"#)
    }

    @Test func theRankingPlanNamesEachPhrasesTermAndWhetherItIsExact() throws {
        let parsed = try terms("الحكومة \"قوات خاصة\" دمش*")
        #expect(parsed.matchExpression == #"("حكومه" OR "الحكومه" OR "=الحكومه") AND ("قوات خاصه" OR "=قوات =خاصه") AND ("=دمش"* OR "دمش"*)"#)
        #expect(parsed.rankingPlan == "aaAbBcc")
        #expect(
            SearchTerms.phrases(fromPlan: "aAb") == [
                .init(term: 0, isExact: false), .init(term: 0, isExact: true), .init(term: 1, isExact: false),
            ])
    }

    @Test func aBareWordAlsoStandsForItsFeminineAdjectiveAndAccusativeForms() throws {
        // 4 letters or more: + ه, + ي and + ا.
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "معلم")[0]) == ["معلم", "معلمه", "معلمي", "معلما"])
        // A key ending in ي: no second ي.
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "مستشفى")[0]) == ["مستشفي", "مستشفيه", "مستشفيا"])
        // 3 letters: no ه form (امن "security" is not امنه "safe"), but the adjective and the accusative.
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "أمن")[0]) == ["امن", "امني", "امنا"])
        // The accusative is looked up under its index key: معدنا's نا looks like "our".
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "معدن")[0]) == ["معدن", "معدنه", "معدني", "معد"])
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "بيان")[0]) == ["بيان", "بيانه", "بياني", "بيانا"])
        // A key ending in ه takes neither, one ending in ي only ه; Latin words and numbers nothing.
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "الجامعة")[0]) == ["جامعه", "الجامعه"])
        // A name ending in ا: its adjective ends in ي instead.
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "تركيا")[0]) == ["تركيا", "تركي"])
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "أمريكا")[0]) == ["امريكا", "امريك", "امريكي"])
        // An accusative: the word without its alef.
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "كتابا")[0]) == ["كتابا", "كتاب", "كتابي"])
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "WhatsApp")[0]) == ["whatsapp"])
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "٣٥٠٠")[0]) == ["3500"])
    }

    @Test func aPluralInAtAlsoStandsForItsMasculineSingular() {
        func keys(_ word: String) -> [String] { SearchTerms.keys(of: ArabicAnalyzer.tokens(in: word)[0]) }
        #expect(keys("الانتخابات").starts(with: ["انتخابه", "الانتخابات", "انتخاب", "انتخاباه"]))
        // A 3-letter singular is too often another word: جلسات is not جلس.
        #expect(!keys("جلسات").contains("جلس"))
        // Not for the dual, which is only ever of a singular in ة.
        #expect(!keys("الطائرتين").contains("طاءر"))
        // Nor for a فاعل, whose ات plural is its feminine's: جامعات is not جامع "mosque".
        #expect(keys("الجامعات").starts(with: ["جامعه", "الجامعات", "جامعاه"]))
        #expect(!keys("الطائرات").contains("طاءر"))
        // A listed 3-letter singular, and its accusative.
        #expect(keys("الملفات").starts(with: ["ملفه", "الملفات", "ملف", "ملفا"]))
        // آت typed with or without its madda: each spelling also stands for the other's key.
        #expect(keys("منشات").contains("منشاه"))
        #expect(keys("منشآت").contains("منشه"))
    }

    @Test func listedSingularsAreListedAsTheIndexKeysTheAnalyzerGives() {
        // A plural or singular spelled otherwise than its key would never be looked up.
        func key(_ word: String) -> String? {
            let tokens = ArabicAnalyzer.tokens(in: word)
            return tokens.count == 1 ? tokens[0].stem ?? tokens[0].surface : nil
        }
        for (plural, singular) in ListedSingulars.singular {
            #expect(key(plural) == plural, "\(plural)")
            #expect(key(singular) == singular, "\(singular)")
        }
        // Broken plurals, duals and short ات plurals alike, each listed once.
        #expect(ListedSingulars.singular.count == BrokenPlurals.singular.count + ShortNounEndings.singular.count)
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "بالأسعار")[0]).contains("سعر"))
        #expect(SearchTerms.keys(of: ArabicAnalyzer.tokens(in: "الطرفين")[0]).starts(with: ["طرفين", "الطرفين", "طرف", "طرفا"]))
        #expect(SearchTokenizer.keys(of: ArabicAnalyzer.tokens(in: "للطرفين")[0]) == ("طرفين", "طرف"))
    }

    @Test func aRelativeAdjectiveAlsoStandsForTheKeyOfItsOtherForm() {
        func keys(_ word: String) -> [String] { SearchTerms.keys(of: ArabicAnalyzer.tokens(in: word)[0]) }
        // Alone, بريطانية loses its ب (ريطاني); with the article it keeps it (بريطاني).
        #expect(keys("بريطانية").starts(with: ["ريطاني", "بريطانيه", "بريطاني"]))
        #expect(keys("البريطاني").starts(with: ["بريطاني", "البريطاني", "ريطاني"]))
        // A noun's other form is not looked up: كاميرات alone reads as ك + اميرات.
        #expect(!keys("الكاميرات").contains("اميره"))
    }

    @Test func quotesMakePhrasesAndAnUnclosedQuoteRunsToTheEnd() throws {
        #expect(try terms("\"هيئة تحرير الشام\"").terms.count == 1)
        #expect(try terms("\"هيئة تحرير الشام\"").matchExpression == #"("هيءه تحرير شام" OR "=هيءه =تحرير =الشام")"#)
        #expect(try terms("سوريا \"قوات خاصة").matchExpression == #"("سوريا" OR "سوري" OR "=سوريا") AND ("قوات خاصه" OR "=قوات =خاصه")"#)
        // A quoted single word is a word.
        #expect(try terms("\"دمشق\"") == (try terms("دمشق")))
    }

    @Test func aStarRightAfterAWordIsAPrefix() throws {
        #expect(try terms("حكو*").terms == [.prefix("حكو")])
        #expect(try terms("حكو*").matchExpression == #"("=حكو"* OR "حكو"*)"#)
        // A star after a space is not a prefix.
        #expect(try terms("دمشق *").matchExpression == (try terms("دمشق")).matchExpression)
    }

    @Test(arguments: [
        "NEAR(دمشق حلب, 2)", "دمشق OR حلب", "-دمشق", "(دمشق", "دمشق)", "^دمشق", "title:دمشق", "{title}: x",
        "\"\"\"", "a\"b\"c\"", "* * *", "دمشق AND", "'; DROP TABLE articles; --", "col:\"x\" NOT y",
    ])
    func operatorsAreWordsOrSeparatorsNeverSyntax(_ query: String) throws {
        // Queries of nothing but operators have no terms at all.
        guard let expression = try? terms(query).matchExpression else { return }
        // Outside quoted strings, an expression holds only our own syntax.
        var outside = ""
        var inQuotes = false
        for character in expression {
            if character == "\"" { inQuotes.toggle() } else if !inQuotes { outside.append(character) }
        }
        #expect(!inQuotes)
        #expect(outside.allSatisfy { " ()*".contains($0) } || outside.contains("OR") || outside.contains("AND"))
        #expect(outside.replacing("AND", with: "").replacing("OR", with: "").allSatisfy { " ()*".contains($0) })
    }

    @Test func emptyLongAndCrowdedQueriesAreRefused() {
        for query in ["", "   ", "«»،؟", "\"\"", "*"] {
            #expect(expectError(SearchTerms.Problem.self) { try terms(query) } == .empty, "\(query)")
        }
        #expect(expectError(SearchTerms.Problem.self) { try terms(String(repeating: "ب", count: 257)) } == .tooLong)
        #expect(expectError(SearchTerms.Problem.self) { try terms(Array(repeating: "كلمة", count: 13).joined(separator: " ")) } == .tooManyTerms)
        #expect((try? terms(Array(repeating: "كلمة", count: 12).joined(separator: " "))) != nil)
    }

    @Test func randomJunkNeverEscapesTheQuotes() throws {
        var random = SeededRandom(seed: 0x5EA2C4)
        let pieces = ["\"", "*", "(", ")", "-", "NEAR", "OR", "AND", "NOT", ":", "^", "{", "}", " ", "دمشق", "ال", "x", "٣", "ـ", "\u{064E}"]
        for _ in 0..<2_000 {
            let query = (0..<Int.random(in: 1...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            guard let parsed = try? terms(query) else { continue }
            #expect(parsed.matchExpression.filter { $0 == "\"" }.count % 2 == 0, "\(query) → \(parsed.matchExpression)")
        }
    }
}
