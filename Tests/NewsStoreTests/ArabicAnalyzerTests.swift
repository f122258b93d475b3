import TestSupport
import Testing

@testable import NewsStore

@Suite struct ArabicAnalyzerTests {
    /// The seed article's title.
    static let seedTitle = "بضغط من واشنطن.. دمشق توافق على المشاركة في \"حملة رباعية\" ضد \"داعش\""

    // MARK: Helpers

    private func surfaces(_ text: String) -> [String] {
        ArabicAnalyzer.tokens(in: text).map(\.surface)
    }

    /// The single token of `word`; records an issue when there is not exactly one.
    private func token(_ word: String, sourceLocation: SourceLocation = #_sourceLocation) -> AnalyzedToken? {
        let tokens = ArabicAnalyzer.tokens(in: word)
        #expect(tokens.count == 1, "\(word) gave \(tokens.count) tokens", sourceLocation: sourceLocation)
        return tokens.count == 1 ? tokens[0] : nil
    }

    /// The stem search indexes `word` under: its stem when it has one, else its surface.
    private func indexedStem(_ word: String) -> String? {
        guard let token = token(word) else { return nil }
        return token.stem ?? token.surface
    }

    /// The original text a token points at.
    private func original(_ token: AnalyzedToken, in text: String) -> String {
        String(decoding: Array(text.utf8)[token.utf8Range], as: UTF8.self)
    }

    // MARK: Normalization

    @Test func harakatAreRemoved() {
        #expect(surfaces("دَمَشْقُ") == ["دمشق"])
        #expect(surfaces("مُحَمَّدٌ") == ["محمد"])  // damma, fatha, shadda, dammatan
        #expect(surfaces("هٰذا") == ["هذا"])  // superscript alef U+0670
        #expect(surfaces("صلى\u{0610}") == ["صلي"])  // honorific sign U+0610
        #expect(surfaces("الرَّحِيمِ\u{06DA}") == ["الرحيم"])  // Quranic small high jeem U+06DA
        #expect(surfaces("قُرْآنً\u{065F}") == ["قران"])  // wavy hamza below U+065F
    }

    @Test func tatweelIsRemoved() {
        #expect(surfaces("دمـــشق") == ["دمشق"])
        #expect(surfaces("ـــ") == [])
    }

    @Test(arguments: [
        ("أحمد", "احمد"),  // hamza above U+0623
        ("إسرائيل", "اسراءيل"),  // hamza below U+0625 (and ئ → ء)
        ("آخر", "اخر"),  // madda U+0622
        ("ٱلله", "الله"),  // wasla U+0671
        ("\u{FE83}\u{FEA3}\u{FEE4}\u{FEAA}", "احمد"),  // presentation form of أ
        ("ا\u{0654}حمد", "احمد"),  // decomposed أ
        ("ا\u{0655}سرائيل", "اسراءيل"),  // decomposed إ
    ])
    func everyAlefFormIsPlainAlef(_ word: String, _ surface: String) {
        #expect(surfaces(word) == [surface])
    }

    @Test func tehMarbutaIsHeh() {
        #expect(surfaces("مدرسة") == ["مدرسه"])
        #expect(surfaces("مدرسة") == surfaces("مدرسه"))
        #expect(surfaces("\u{FE94}") == ["ه"])  // final form of ة
    }

    @Test func alefMaksuraIsYeh() {
        #expect(surfaces("على مستشفى") == ["علي", "مستشفي"])
        #expect(surfaces("على") == surfaces("علي"))
    }

    @Test func persianKehehAndYehAreArabicLetters() {
        #expect(surfaces("کتاب") == ["كتاب"])  // keheh U+06A9
        #expect(surfaces("فارسی") == ["فارسي"])  // farsi yeh U+06CC
        #expect(surfaces("\u{FB8E}\u{FBFD}") == ["كي"])  // their presentation forms
    }

    @Test func hamzaOnWawOrYehIsBareHamzaComposedOrNot() {
        #expect(surfaces("مسؤول مسئول") == ["مسءول", "مسءول"])
        #expect(surfaces("شؤون شئون") == ["شءون", "شءون"])
        #expect(surfaces("ابناؤه ابنائه ابناءه") == ["ابناءه", "ابناءه", "ابناءه"])
        #expect(surfaces("مسو\u{0654}ول ري\u{0654}يس") == ["مسءول", "رءيس"])
        // A starter between letter and mark blocks composition, as in NFC.
        #expect(surfaces("مسوـ\u{0654}ول") == ["مسوول"])
    }

    @Test func bothSpellingsOfHundredAreOne() {
        #expect(surfaces("مائة مئة") == ["مءه", "مءه"])
        #expect(surfaces("المائة المئة") == ["المءه", "المءه"])
        #expect(surfaces("مائتين مئتين ثلاثمائة") == ["مءتين", "مءتين", "ثلاثمءه"])
        // Only the letters م ا ء + ه/ت: ماء "water" and سماء "sky" keep their alef.
        #expect(surfaces("ماء سماء الماءين") == ["ماء", "سماء", "الماءين"])
    }

    @Test func digitsOfEveryScriptAreASCII() {
        #expect(surfaces("٢٠٢٥") == ["2025"])  // Arabic-Indic
        #expect(surfaces("۲۰۲۵") == ["2025"])  // Extended Arabic-Indic (Persian)
        #expect(surfaces("२०२५ ２０２５") == ["2025", "2025"])  // Devanagari, fullwidth
        #expect(surfaces("عام ٢٠٢٥م") == ["عام", "2025م"])
    }

    @Test func latinIsLowercasedWithoutAccents() {
        #expect(surfaces("Reuters AFP") == ["reuters", "afp"])
        #expect(surfaces("Café ÉLYSÉE") == ["cafe", "elysee"])
        #expect(surfaces("Straße Łódź Ærø") == ["strasse", "lodz", "aero"])
        #expect(surfaces("Cafe\u{0301}") == ["cafe"])  // decomposed é
        #expect(surfaces("ＡＦＰ") == ["afp"])  // fullwidth
    }

    @Test func presentationFormsAreBaseLetters() {
        #expect(surfaces("\u{FEA9}\u{FEE3}\u{FEB8}\u{FED8}") == ["دمشق"])
        #expect(surfaces("\u{FEFB}") == ["لا"])  // lam-alef ligature
        #expect(surfaces("\u{FEB3}\u{FEFC}\u{FEE1}") == ["سلام"])
        #expect(surfaces("\u{FDF2}") == ["الله"])  // one-word ligature
    }

    @Test func lettersOfOtherScriptsAreKeptLowercased() {
        #expect(surfaces("Путин 北京") == ["путин", "北京"])
    }

    @Test func normalizeJoinsSurfaces() {
        #expect(ArabicAnalyzer.normalize("  والحكومةُ، «٢٠٢٥»  ") == "والحكومه 2025")
        #expect(ArabicAnalyzer.normalize("") == "")
        #expect(ArabicAnalyzer.normalize("؟!…") == "")
    }

    // MARK: Token boundaries

    @Test func seedTitleSplitsAtSpacesPunctuationAndQuotes() {
        #expect(
            surfaces(Self.seedTitle) == [
                "بضغط", "من", "واشنطن", "دمشق", "توافق", "علي", "المشاركه", "في", "حمله", "رباعيه", "ضد", "داعش",
            ])
    }

    @Test func arabicPunctuationAndGuillemetsSeparate() {
        #expect(surfaces("قال،إن؛هل؟«نعم»") == ["قال", "ان", "هل", "نعم"])
        #expect(surfaces("‹سوريا›—“غزة”") == ["سوريا", "غزه"])
    }

    @Test func emojiAndSymbolsSeparate() {
        #expect(surfaces("غزة🙂غزة") == ["غزه", "غزه"])
        #expect(surfaces("سلام👨‍👩‍👧عليكم❤️شكرا") == ["سلام", "عليكم", "شكرا"])
        #expect(surfaces("100$ و50% #أخبار @news") == ["100", "و50", "اخبار", "news"])
        #expect(surfaces("F-16 3.5") == ["f", "16", "3", "5"])
    }

    @Test func lettersAndDigitsFormOneRun() {
        #expect(surfaces("F16 كوفيد19") == ["f16", "كوفيد19"])
    }

    @Test func zeroWidthNonJoinerDoesNotSplit() {
        #expect(surfaces("می\u{200C}خواهم") == ["ميخواهم"])
        #expect(surfaces("\u{200C}كتاب\u{200C}") == ["كتاب"])
    }

    @Test func phraseLigatureGivesItsWords() {
        let text = "محمد \u{FDFA} قال"
        let tokens = ArabicAnalyzer.tokens(in: text)
        #expect(tokens.map(\.surface) == ["محمد", "صلي", "الله", "عليه", "وسلم", "قال"])
        // The four words all point at the one ligature scalar.
        for token in tokens[1...4] { #expect(original(token, in: text) == "\u{FDFA}") }
        // A phrase ligature never merges with a neighbouring word.
        #expect(surfaces("ب\u{FDFA}ك") == ["ب", "صلي", "الله", "عليه", "وسلم", "ك"])
    }

    @Test func emptyAndSeparatorOnlyTextsHaveNoTokens() {
        #expect(ArabicAnalyzer.tokens(in: "").isEmpty)
        #expect(ArabicAnalyzer.tokens(in: " ،؛؟«» \"'\n\t🙂").isEmpty)
        #expect(ArabicAnalyzer.tokens(in: "\u{064E}\u{0651} \u{200C}").isEmpty)  // marks alone
    }

    // MARK: Byte ranges

    @Test func rangesPointAtTheSeedTitleWords() {
        let tokens = ArabicAnalyzer.tokens(in: Self.seedTitle)
        #expect(
            tokens.map { original($0, in: Self.seedTitle) } == [
                "بضغط", "من", "واشنطن", "دمشق", "توافق", "على", "المشاركة", "في", "حملة", "رباعية", "ضد", "داعش",
            ])
        #expect(tokens.first?.utf8Range == 0..<8)
    }

    @Test func rangesCoverTheDiacritizedOriginal() {
        let text = "«دَمَشْقُ» وَالحُكُومَةُ، ٢٠٢٥"
        let tokens = ArabicAnalyzer.tokens(in: text)
        #expect(tokens.map(\.surface) == ["دمشق", "والحكومه", "2025"])
        #expect(tokens.map { original($0, in: text) } == ["دَمَشْقُ", "وَالحُكُومَةُ", "٢٠٢٥"])
        // « is 2 bytes; د starts right after it, and the final damma is inside the range.
        #expect(tokens[0].utf8Range == 2..<18)
    }

    @Test func rangesIncludeTatweelButNotEdgeFormatCharactersOrLeadingMarks() {
        let text = "\u{200C}\u{064E}دمـشقـ\u{200C} x"
        let tokens = ArabicAnalyzer.tokens(in: text)
        #expect(tokens.map { original($0, in: text) } == ["دمـشقـ", "x"])
    }

    @Test func rangesOfExpandedScalarsCoverTheScalar() {
        let text = "Straße ﻻ"
        let tokens = ArabicAnalyzer.tokens(in: text)
        #expect(tokens.map(\.surface) == ["strasse", "لا"])
        #expect(tokens.map { original($0, in: text) } == ["Straße", "ﻻ"])
    }

    // MARK: Light stemming: the shared stems

    @Test(arguments: [
        "والحكومة", "بالحكومة", "للحكومة", "الحكومات", "الحكومة", "حكومة", "الحكومةِ", "فالحكومة",
        "كالحكومة", "وبالحكومة", "وللحكومة", "حكومات",
    ])
    func governmentFormsShareOneStem(_ word: String) {
        #expect(indexedStem(word) == "حكومه")
    }

    @Test func stemIsNilWhenNothingIsStripped() {
        #expect(token("حكومة")?.stem == nil)
        #expect(token("حكومة")?.surface == "حكومه")
        #expect(token("مدرسة") == AnalyzedToken(surface: "مدرسه", stem: nil, utf8Range: 0..<10))
    }

    // MARK: Light stemming: each proclitic rule

    @Test(arguments: [
        // The article, alone and after prepositions and conjunctions: 3 letters must remain.
        ("الحرب", "حرب"), ("والحرب", "حرب"), ("فالحرب", "حرب"), ("بالحرب", "حرب"), ("كالحرب", "حرب"),
        ("للحرب", "حرب"), ("وللحرب", "حرب"), ("فللحرب", "حرب"), ("وبالحرب", "حرب"), ("فبالحرب", "حرب"),
        ("وكالحرب", "حرب"), ("فكالحرب", "حرب"),
        // A preposition, alone or after a conjunction: 5 letters must remain.
        ("بمصادر", "مصادر"), ("كمصادر", "مصادر"), ("لمصادر", "مصادر"),
        ("وبمصادر", "مصادر"), ("فلمصادر", "مصادر"), ("وكمصادر", "مصادر"),
        // A conjunction alone: 5 letters must remain, not starting with ا or ل.
        ("ومصادر", "مصادر"), ("فمصادر", "مصادر"), ("وبغداد", "بغداد"),
    ])
    func procliticIsStripped(_ word: String, _ stem: String) {
        #expect(token(word)?.stem == stem)
    }

    @Test(arguments: [
        "الله",  // ال: only 2 letters would remain
        "للغه",  // لل: only 2 letters would remain
        "بيت", "كتاب", "لبنان", "بغداد", "لندن", "كبير",  // ب ك ل: fewer than 5 letters would remain
        "ورد", "وقال", "وزير", "فرنسا",  // و ف: fewer than 5 letters would remain
        "واشنطن", "واحدهم",  // و before ا
        "ولايته", "فلسطيني",  // و ف before ل
    ])
    func procliticLookalikeIsKept(_ word: String) throws {
        let analyzed = try #require(token(word))
        let first = analyzed.surface.unicodeScalars.first
        #expect(
            (analyzed.stem ?? analyzed.surface).unicodeScalars.first == first,
            "\(word) lost its first letter: \(analyzed.stem ?? "")")
    }

    // MARK: Light stemming: each enclitic rule

    @Test(arguments: [
        ("الحكومات", "حكومه"),  // ات → ه
        ("المسلمون", "مسلم"), ("المسلمين", "مسلم"), ("الجانبان", "جانب"),  // ون ين ان
        ("السورية", "سوري"), ("سورية", "سوري"),  // ية → ي
        ("كتابها", "كتاب"), ("كتابهم", "كتاب"), ("كتابهن", "كتاب"), ("بينهما", "بين"),  // pronouns
        ("كتابكم", "كتاب"), ("كتابكن", "كتاب"), ("كتابنا", "كتاب"),
        ("والمسلمين", "مسلم"), ("ومسؤولين", "مسءول"),  // one proclitic and one enclitic
        ("طائرتين", "طاءره"), ("الطائرتان", "طاءره"),  // تين تان → ه, the dual of a ة word
    ])
    func encliticIsStripped(_ word: String, _ stem: String) {
        #expect(token(word)?.stem == stem)
    }

    @Test(arguments: [
        ("كتابه", "كتابه"), ("مدرسة", "مدرسه"), ("حكومة", "حكومه"),  // ه alone is never stripped
        // ان ين ون: fewer than 4 letters would remain.
        ("لبنان", "لبنان"), ("ايران", "ايران"), ("السودان", "سودان"), ("قانون", "قانون"), ("الزيتون", "زيتون"),
        ("سوري", "سوري"), ("عربي", "عربي"), ("على", "علي"),  // ي alone is never stripped
        ("عسكري", "عسكري"), ("مستشفى", "مستشفي"), ("الأمريكي", "امريكي"), ("كتابي", "كتابي"),
        ("عليه", "عليه"), ("قضية", "قضيه"),  // ية: fewer than 3 letters would remain
        ("فهم", "فهم"), ("ممكن", "ممكن"), ("هنا", "هنا"),  // pronouns: fewer than 3 letters would remain
        ("سوريا", "سوريا"), ("دمشق", "دمشق"), ("واشنطن", "واشنطن"),
        ("مرتين", "مرتين"), ("بستان", "بستان"),  // تين تان: fewer than 3 letters would remain
    ])
    func encliticLookalikeIsKept(_ word: String, _ stem: String) {
        #expect(indexedStem(word) == stem)
    }

    @Test func pronounsAreNotStrippedAfterTheArticle() {
        // A definite noun takes no possessive: these endings are the word's own.
        #expect(token("الاهم")?.stem == "اهم")
        #expect(token("الامريكي")?.stem == "امريكي")
        #expect(token("الجمهورية")?.stem == "جمهوري")
    }

    @Test func procliticCountsTheStemAfterTheEnclitic() {
        // ك + تابها would leave 5 letters, but تاب is all that stays once ها goes too.
        #expect(token("كتابها")?.stem == "كتاب")
        // ل + بناني would leave بنان once the adjective's ي is counted out, a different word: ل is
        // kept, with or without a plural ending or ة after the ي.
        #expect(indexedStem("لبناني") == "لبناني")
        #expect(indexedStem("لبنانيون") == "لبناني")
        #expect(indexedStem("لبنانية") == "لبناني")
        // A noun long enough without its ي still loses the preposition.
        #expect(indexedStem("بمستشفى") == "مستشفي")
    }

    @Test func theStemInTheOtherFormIsWhatTheArticleChanges() {
        // Without the article a long word's own ب reads as the preposition; with it, never.
        #expect(ArabicAnalyzer.stemInOtherForm(ofSurface: "البريطانيه") == "ريطاني")
        #expect(ArabicAnalyzer.stemInOtherForm(ofSurface: "بريطانيون") == "بريطاني")
        #expect(ArabicAnalyzer.stemInOtherForm(ofSurface: "والبرنامج") == "رنامج")
        // Nil when neither form loses a first letter.
        #expect(ArabicAnalyzer.stemInOtherForm(ofSurface: "الحكومه") == nil)
        #expect(ArabicAnalyzer.stemInOtherForm(ofSurface: "حكومات") == nil)
    }

    // MARK: Words that must not merge

    @Test func lookalikesKeepTheirOwnStems() {
        #expect(indexedStem("ورد") != indexedStem("رد"))
        #expect(indexedStem("بيت") == "بيت")
        #expect(indexedStem("كتاب") == "كتاب")
        #expect(indexedStem("لبنان") == "لبنان")
        #expect(indexedStem("واشنطن") == "واشنطن")
        #expect(indexedStem("دمشق") == "دمشق")
        #expect(indexedStem("سوريا") == "سوريا")
        #expect(indexedStem("مدرسة") != indexedStem("مدرس"))
        #expect(indexedStem("وزير") != indexedStem("زير"))
    }

    @Test func nonArabicTokensAreNotStemmed() {
        for token in ArabicAnalyzer.tokens(in: "islamists ون2 2025 alkitab") { #expect(token.stem == nil) }
    }

    @Test func stemOfSurfaceMatchesTokenStem() {
        #expect(ArabicAnalyzer.stem(ofSurface: "والحكومه") == "حكومه")
        #expect(ArabicAnalyzer.stem(ofSurface: "واشنطن") == nil)
        for token in ArabicAnalyzer.tokens(in: Self.seedTitle) {
            #expect(ArabicAnalyzer.stem(ofSurface: token.surface) == token.stem)
        }
    }

    // MARK: Fuzz

    /// Pieces random texts are made of: letters of each kind, marks, separators and edge cases.
    static let fuzzPieces: [String] = [
        "ب", "ت", "ح", "س", "ع", "ل", "م", "ن", "و", "ي", "ه", "ة", "ى", "ا", "أ", "إ", "آ", "ٱ", "ء", "ؤ", "ئ",
        "ال", "وال", "لل", "ات", "ين", "ون", "ها", "ية", "ک", "ی", "پ", "گ",
        "\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}", "\u{064B}", "\u{0670}", "\u{0654}",
        "\u{0655}", "\u{0653}", "\u{0610}", "\u{06DA}", "ـ",
        "٠", "٢", "٩", "۴", "0", "7", "२", "５",
        "a", "Z", "é", "Ä", "ß", "Ø", "ı", "İ", "Å", "Ａ", "п", "Ж", "中", "e\u{0301}",
        " ", "  ", "\n", "،", "؛", "؟", "«", "»", "\"", "'", ".", "..", "-", "(", ")", "…", "٪",
        "🙂", "👨‍👩‍👧", "❤️", "1️⃣", "🇸🇾", "\u{200C}", "\u{200D}", "\u{200F}", "\u{00AD}", "\u{FEFF}",
        "\u{FEFB}", "\u{FEE3}", "\u{FB8E}", "\u{FDF2}", "\u{FDFA}", "\u{FDFB}", "\u{FCCA}", "\u{FE70}",
        "\u{0301}", "\u{20E3}", "\u{FE0F}",
    ]

    @Test func fuzzedTextsGiveWellFormedIdempotentTokens() throws {
        var random = SeededRandom(seed: 0x5EA2_C4A2_AB1C)
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...24, using: &random)
            let text = (0..<count).map { _ in Self.fuzzPieces.randomElement(using: &random)! }.joined()
            let bytes = Array(text.utf8)
            let tokens = ArabicAnalyzer.tokens(in: text)
            // Placing words without spelling them finds the same words (highlight() relies on it).
            #expect(ArabicAnalyzer.wordRanges(in: text) == tokens.map(\.utf8Range), "\(text.debugDescription)")

            var previous: Range<Int>?
            for token in tokens {
                let range = token.utf8Range
                try #require(
                    range.lowerBound >= 0 && range.upperBound <= bytes.count && !range.isEmpty,
                    "range \(range) out of \(bytes.count) bytes in \(text.debugDescription)")
                // Ranges fall on scalar boundaries…
                #expect(String(validating: bytes[range], as: UTF8.self) != nil, "\(text.debugDescription)")
                // …and increase without overlapping, except the words of one phrase ligature,
                // which share its scalar exactly.
                if let previous {
                    let sharesLigature = previous == range && isPhraseLigature(bytes[range])
                    #expect(
                        range.lowerBound >= previous.upperBound || sharesLigature,
                        "\(previous) then \(range) in \(text.debugDescription)")
                }
                previous = range

                #expect(!token.surface.isEmpty)
                if let stem = token.stem {
                    #expect(!stem.isEmpty && stem != token.surface)
                }
                // A surface is its own analysis: one token, same surface and stem.
                let again = ArabicAnalyzer.tokens(in: token.surface)
                #expect(
                    again == [
                        AnalyzedToken(
                            surface: token.surface, stem: token.stem,
                            utf8Range: 0..<token.surface.utf8.count)
                    ],
                    "\(token.surface.debugDescription) from \(text.debugDescription) gave \(again)")
            }
        }
    }

    private func isPhraseLigature(_ bytes: ArraySlice<UInt8>) -> Bool {
        let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
        return scalars.count == 1 && [0xFDFA, 0xFDFB].contains(scalars.first!.value)
    }
}
