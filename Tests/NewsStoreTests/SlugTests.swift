import NewsStore
import TestSupport
import Testing

@Suite struct SlugTests {
    // MARK: make(from:)

    @Test func seedTitleKeepsEveryWordWithinTheBound() {
        let slug = Slug.make(from: "بضغط من واشنطن.. دمشق توافق على المشاركة في \"حملة رباعية\" ضد \"داعش\"")
        #expect(slug == "بضغط-من-واشنطن-دمشق-توافق-على-المشاركة-في-حملة-رباعية-ضد-داعش")
        // 61 scalars: under the bound, so no word is cut.
        #expect(slug.unicodeScalars.count == 61)
        #expect(slug.unicodeScalars.count <= Slug.maxLength)
    }

    @Test func singleArabicWordIsItsOwnSlug() {
        #expect(Slug.make(from: "سياسة") == "سياسة")
        #expect(Slug.make(from: "  سياسة  ") == "سياسة")
    }

    @Test func harakatAndQuranicMarksAreRemoved() {
        #expect(Slug.make(from: "دَمَشْقُ") == "دمشق")
        #expect(Slug.make(from: "مُحَمَّدٌ") == "محمد")  // damma, fatha, shadda, dammatan
        #expect(Slug.make(from: "هٰذا") == "هذا")  // superscript alef U+0670
        #expect(Slug.make(from: "الرَّحِيمِ\u{06DA}") == "الرحيم")  // Quranic small high jeem U+06DA
        #expect(Slug.make(from: "صلى\u{0610}") == "صلى")  // U+0610 honorific sign
    }

    @Test func tatweelIsRemoved() {
        #expect(Slug.make(from: "دمـــشق") == "دمشق")
        #expect(Slug.make(from: "ـــ") == "")
    }

    @Test func lamAlefLigaturesBecomeTwoLetters() {
        #expect(Slug.make(from: "\u{FEFB} \u{FEF7} \u{FEF9} \u{FEF5}") == "لا-لأ-لإ-لآ")
        #expect(Slug.make(from: "\u{FEFC} \u{FEF8} \u{FEFA} \u{FEF6}") == "لا-لأ-لإ-لآ")  // final forms
        #expect(Slug.make(from: "\u{FEB3}\u{FEFC}\u{FEE1}") == "سلام")  // seen initial, lam-alef final, meem
    }

    @Test func presentationFormLettersBecomeBaseLetters() {
        // مرحبا written with initial, medial and final forms.
        #expect(Slug.make(from: "\u{FEE3}\u{FEAE}\u{FEA3}\u{FE92}\u{FE8E}") == "مرحبا")
        // پ چ ژ ک گ ی from Presentation Forms-A.
        #expect(Slug.make(from: "\u{FB56}\u{FB7A}\u{FB8A}\u{FB8E}\u{FB92}\u{FBFC}") == "پچژکگی")
        #expect(Slug.make(from: "\u{FDF2}") == "الله")
        #expect(Slug.make(from: "النبي \u{FDFA}") == "النبي-صلى-الله-عليه-وسلم")
    }

    /// Every presentation form of a letter (or two-letter ligature) folds to the letter(s) its Unicode
    /// name says, checked against the names rather than against the table it tests.
    @Test func everyLetterPresentationFormFoldsToTheLetterItsNameSays() {
        var letters: [String: Unicode.Scalar] = [:]
        for value in UInt32(0x0600)...0x06FF {
            guard let scalar = Unicode.Scalar(value), let name = scalar.properties.name,
                name.hasPrefix("ARABIC LETTER ")
            else { continue }
            letters[String(name.dropFirst("ARABIC LETTER ".count))] = scalar
        }
        let forms = [" ISOLATED FORM", " FINAL FORM", " INITIAL FORM", " MEDIAL FORM"]
        var checked = 0
        for value in Array(UInt32(0xFB50)...0xFBFF) + Array(UInt32(0xFE80)...0xFEFC) {
            guard let scalar = Unicode.Scalar(value), let name = scalar.properties.name,
                let form = forms.first(where: name.hasSuffix)
            else { continue }  // The Arabic symbols U+FBB2–U+FBC2 and unassigned scalars.
            var body = String(name.dropLast(form.count))
            let isLigature = body.hasPrefix("ARABIC LIGATURE ")
            body = String(body.dropFirst(isLigature ? "ARABIC LIGATURE ".count : "ARABIC LETTER ".count))
            for language in ["UIGHUR KAZAKH KIRGHIZ ", "UIGHUR KIRGHIZ "] where body.hasPrefix(language) {
                body = String(body.dropFirst(language.count))
            }
            var expected: String?
            if let letter = letters[body] {
                expected = String(letter)
            } else if isLigature {
                // "LAM WITH ALEF WITH MADDA ABOVE": find where the first letter's name ends.
                let parts = body.split(separator: " WITH ").map(String.init)
                for split in 1..<parts.count {
                    let first = parts[..<split].joined(separator: " WITH ")
                    let second = parts[split...].joined(separator: " WITH ")
                    if let a = letters[first], let b = letters[second] { expected = String(a) + String(b) }
                }
            }
            #expect(expected != nil, "no base letter found for \(name)")
            #expect(Slug.make(from: String(scalar)) == expected, "\(name)")
            checked += 1
        }
        // U+FB50–U+FBB1 (98), U+FBD3–U+FBFF (45), U+FE80–U+FEFC (125): none skipped silently.
        #expect(checked == 98 + 45 + 125)
    }

    @Test func unmappedPresentationFormsAreDroppedWithoutSplittingTheWord() {
        #expect(Slug.make(from: "\u{FC08}") == "")  // beh-meem ligature: not in the table
        #expect(Slug.make(from: "ب\u{FC08}ب") == "بب")
        #expect(Slug.make(from: "\u{FE70}\u{FE7C}") == "")  // spacing fathatan and shadda forms
        #expect(Slug.make(from: "\u{FEFF}سياسة") == "سياسة")  // byte order mark
        #expect(Slug.make(from: "\u{FD3E}دمشق\u{FD3F} \u{FDFD}") == "دمشق")  // ornate parentheses, bismillah
    }

    @Test func arabicIndicDigitsBecomeASCII() {
        #expect(Slug.make(from: "عام ٢٠٢٥") == "عام-2025")
        #expect(Slug.make(from: "سال ۱۴۰۳ شمسی") == "سال-1403-شمسی")
        #expect(Slug.make(from: "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ x") == "0123456789-0123456789-x")
    }

    @Test func mixedLatinAndArabic() {
        #expect(Slug.make(from: "ISIS داعش Café") == "isis-داعش-cafe")
        #expect(Slug.make(from: "COVID-19 كورونا") == "covid-19-كورونا")
    }

    @Test func latinDiacriticsFoldToASCII() {
        #expect(Slug.make(from: "Straße Ærø Łódź Ğüç Œuvre İstanbul") == "strasse-aero-lodz-guc-oeuvre-istanbul")
        #expect(Slug.make(from: "Cafe\u{0301} Zu\u{0308}rich") == "cafe-zurich")  // decomposed
        #expect(Slug.make(from: "Nguyễn ǅ") == "nguyn")  // beyond Latin Extended-A: dropped
        #expect(Slug.make(from: "5 × 3 ÷ 2") == "5-3-2")  // × and ÷ are symbols, not letters
    }

    /// Every letter of Latin-1 Supplement and Latin Extended-A folds to the base letter its Unicode
    /// name says, checked against the names rather than against the table it tests.
    @Test func everyLatinLetterFoldsToTheLetterItsNameSays() {
        let spelled = [
            "AE": "ae", "OE": "oe", "IJ": "ij", "SHARP S": "ss", "ETH": "d", "THORN": "th",
            "DOTLESS I": "i", "KRA": "k", "ENG": "ng", "LONG S": "s",
        ]
        let prefixes = ["LATIN CAPITAL LETTER ", "LATIN SMALL LETTER ", "LATIN CAPITAL LIGATURE ", "LATIN SMALL LIGATURE "]
        var checked = 0
        for value in UInt32(0xC0)...0x17F {
            guard let scalar = Unicode.Scalar(value), let name = scalar.properties.name,
                let prefix = prefixes.first(where: name.hasPrefix)
            else { continue }  // × and ÷
            let body = name.dropFirst(prefix.count)
            let base = String(body.split(separator: " WITH ")[0].split(separator: " PRECEDED BY ")[0])
            let expected = base.count == 1 ? base.lowercased() : spelled[base]
            #expect(expected != nil, "no folding known for \(name)")
            #expect(Slug.make(from: String(scalar)) == expected, "\(name)")
            checked += 1
        }
        #expect(checked == 192 - 2)
    }

    @Test func punctuationRunsCollapseToOneHyphen() {
        #expect(Slug.make(from: "دمشق، حلب؛ حمص؟ «إدلب» — اللاذقية!!") == "دمشق-حلب-حمص-إدلب-اللاذقية")
        #expect(Slug.make(from: "...Hello,   World!!! (2025) ...") == "hello-world-2025")
        #expect(Slug.make(from: "a\t\n\r\u{00A0}\u{2003}b") == "a-b")
        #expect(Slug.make(from: "don't") == "don-t")
        #expect(Slug.make(from: "٥٠٪ من الأسعار ۔ ٣٫٥") == "50-من-الأسعار-3-5")
    }

    @Test func emojiAreDropped() {
        #expect(Slug.make(from: "🔥 عاجل 🔥") == "عاجل")
        #expect(Slug.make(from: "عاجل👨‍👩‍👧قصف 🇸🇾 👍🏽") == "عاجل-قصف")
        #expect(Slug.make(from: "❤️❤️❤️") == "")
    }

    @Test func invisibleJoinersDoNotSplitWords() {
        #expect(Slug.make(from: "می\u{200C}خواهم") == "میخواهم")  // zero-width non-joiner
        #expect(Slug.make(from: "\u{200F}دمشق\u{200E}") == "دمشق")  // direction marks
    }

    @Test func decomposedHamzaAndMaddaComposeLikeNFC() {
        #expect(Slug.make(from: "\u{0627}\u{0654}\u{0645}\u{0646}") == "أمن")
        #expect(Slug.make(from: "\u{0627}\u{064E}\u{0654}") == "أ")  // fatha between: not blocking
        #expect(Slug.make(from: "\u{0627}\u{0653}") == "آ")
        #expect(Slug.make(from: "\u{0627}\u{0655}") == "إ")
        #expect(Slug.make(from: "\u{0648}\u{0654} \u{064A}\u{0654}") == "ؤ-ئ")
        #expect(Slug.make(from: "\u{0628}\u{0654}") == "ب")  // no precomposed letter: mark dropped
        #expect(Slug.make(from: "\u{0627}\u{200D}\u{0654}") == "ا")  // a starter between blocks it
        #expect(Slug.make(from: "\u{FEFB}\u{0654}") == "لأ")
    }

    @Test func allDigitSlugsAreMadeNonNumeric() {
        #expect(Slug.make(from: "2025") == "2025-n")
        #expect(Slug.make(from: "«٢٠٢٥»!") == "2025-n")
        #expect(Slug.make(from: "11 2025") == "11-2025")
        let digits = String(repeating: "7", count: 200)
        #expect(Slug.make(from: digits) == String(repeating: "7", count: Slug.maxLength - 2) + "-n")
        // The word cut leaves only digits: they get the suffix too.
        #expect(Slug.make(from: "2025 " + String(repeating: "x", count: 100)) == "2025-n")
    }

    @Test func nothingUsableGivesAnEmptySlug() {
        #expect(Slug.make(from: "") == "")
        #expect(Slug.make(from: "   ") == "")
        #expect(Slug.make(from: "!!! ... ؟؟ ، ؛ «» 🔥 —") == "")
        #expect(Slug.make(from: "\u{064E}\u{0651}") == "")
        #expect(Slug.make(from: "Москва 北京") == "")  // other scripts are dropped
    }

    @Test func longTitlesAreCutAtTheLastWordBoundary() {
        // 16 words of 4 letters take 79 scalars; the 17th would not fit.
        let words = Array(repeating: "كلمة", count: 30)
        let slug = Slug.make(from: words.joined(separator: " "))
        #expect(slug == words.prefix(16).joined(separator: "-"))
        #expect(slug.unicodeScalars.count == 79)

        // Exactly maxLength when the bound falls right before a separator.
        let a = String(repeating: "ا", count: 40)
        let b = String(repeating: "ب", count: 39)
        #expect(Slug.make(from: "\(a) \(b) ج") == "\(a)-\(b)")

        // One scalar over: the last word goes.
        #expect(Slug.make(from: "\(a) \(b)ب ج") == a)

        // A short first word and a long second one: keep the first word only.
        #expect(Slug.make(from: "ab " + String(repeating: "x", count: 100)) == "ab")

        // Only when the first word alone is too long is it cut hard.
        let long = String(repeating: "ش", count: 120)
        #expect(Slug.make(from: long + " دمشق") == String(repeating: "ش", count: Slug.maxLength))
    }

    // MARK: isValid

    @Test func generatedSlugsAreValid() {
        for title in ["سياسة", "ISIS داعش Café", "عام ٢٠٢٥", "2025", "بضغط من واشنطن.. دمشق توافق"] {
            #expect(Slug.isValid(Slug.make(from: title)), "\(title)")
        }
        #expect(Slug.isValid(String(repeating: "a", count: Slug.maxLength)))
        #expect(Slug.isValid("پچژکگی-2"))
    }

    @Test func invalidSlugsAreRejected() {
        let rejected = [
            "", "Syria", "سياسة اقتصاد", "a--b", "-a", "a-", "-", "2025", "٢٠٢٥-x", "%D8%B3", "a/b", "a_b",
            "a.b", "دَمشق", "دمـشق", "\u{0627}\u{0654}", "\u{FEFB}", "café", "🔥", "a\u{200C}b",
            String(repeating: "a", count: Slug.maxLength + 1),
        ]
        for slug in rejected {
            #expect(!Slug.isValid(slug), "\(slug)")
        }
    }

    // MARK: withSuffix

    @Test func suffixIsAppended() {
        #expect(Slug.withSuffix("سياسة", 2) == "سياسة-2")
        #expect(Slug.withSuffix("2025-n", 3) == "2025-n-3")
    }

    @Test func suffixKeepsTheLengthBound() {
        let words = Array(repeating: "كلمة", count: 16)  // 79 scalars
        let slug = Slug.withSuffix(words.joined(separator: "-"), 12)
        #expect(slug == words.prefix(15).joined(separator: "-") + "-12")
        #expect(slug.unicodeScalars.count <= Slug.maxLength)
        #expect(Slug.isValid(slug))

        let oneWord = String(repeating: "a", count: Slug.maxLength)
        #expect(Slug.withSuffix(oneWord, 12) == String(repeating: "a", count: Slug.maxLength - 3) + "-12")
        #expect(Slug.withSuffix(oneWord, Int.max).unicodeScalars.count == Slug.maxLength)
    }

    // MARK: Properties over random titles

    /// Random choices from a fixed seed, so the titles are the same on every run and platform.
    struct SeededGenerator {
        var random: SeededRandom

        init(state: UInt64) {
            random = SeededRandom(seed: state)
        }

        mutating func next() -> UInt64 { random.next() }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        mutating func pick(_ range: ClosedRange<UInt32>) -> UInt32 {
            range.lowerBound + UInt32(below(Int(range.upperBound - range.lowerBound) + 1))
        }
    }

    /// Scalar pools mixing what titles contain: Arabic letters, marks, digits, Latin, punctuation, emoji.
    static let pools: [[ClosedRange<UInt32>]] = [
        [0x0621...0x064A],  // Arabic letters (and tatweel)
        [0x0610...0x061A, 0x064B...0x065F, 0x0670...0x0670, 0x06D6...0x06ED],  // harakat, Quranic marks
        [0x0600...0x06FF],  // the whole Arabic block
        [0xFB50...0xFDFF, 0xFE70...0xFEFF],  // presentation forms
        [0x41...0x5A, 0x61...0x7A],  // ASCII letters
        [0xC0...0x24F, 0x0300...0x036F],  // Latin with diacritics, combining marks
        [0x30...0x39, 0x0660...0x0669, 0x06F0...0x06F9],  // digits
        [0x20...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E, 0x060C...0x060C, 0x061B...0x061F, 0x2010...0x2027],
        [0x20...0x20, 0x09...0x0A, 0x3000...0x3000],  // whitespace
        [0x1F300...0x1FAFF, 0x1F1E6...0x1F1FF, 0x200B...0x200F, 0xFE0F...0xFE0F, 0x20E3...0x20E3],  // emoji, joiners
        [0x00...0xD7FF, 0xE000...0x10FFFF],  // anything
    ]

    static func randomTitle(_ generator: inout SeededGenerator) -> String {
        var title = String.UnicodeScalarView()
        let length = generator.below(4) == 0 ? generator.below(240) : generator.below(40)
        // Some titles draw from only two pools, so long words and digit-only titles occur too.
        let allowed = generator.below(3) == 0 ? [generator.below(pools.count), 6] : Array(pools.indices)
        for _ in 0..<length {
            let ranges = pools[allowed[generator.below(allowed.count)]]
            if let scalar = Unicode.Scalar(generator.pick(ranges[generator.below(ranges.count)])) {
                title.append(scalar)
            }
        }
        return String(title)
    }

    @Test func randomTitlesGiveValidIdempotentBoundedSlugs() {
        var generator = SeededGenerator(state: 20_251_129)
        var nonEmpty = 0
        for _ in 0..<4000 {
            let title = Self.randomTitle(&generator)
            let slug = Slug.make(from: title)
            let described = title.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
            guard !slug.isEmpty else { continue }
            nonEmpty += 1
            #expect(Slug.isValid(slug), "\(described) → \(slug)")
            #expect(Slug.make(from: slug) == slug, "\(described) → \(slug)")
            #expect(slug.count == slug.unicodeScalars.count, "\(described) → \(slug)")
            #expect(Slug.isValid(Slug.withSuffix(slug, 1 + generator.below(1000))), "\(described) → \(slug)")
        }
        // The generator must exercise the non-empty path, not only produce noise.
        #expect(nonEmpty > 3000)
    }
}
