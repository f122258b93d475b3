/// A conservative light stemmer for one normalized Arabic word (the `surface` of an
/// `AnalyzedToken`): it strips at most one run of proclitics and at most one enclitic, with no
/// lexicon. Without a lexicon every rule also fires on words whose own letters look like an affix
/// (ورد is not و + رد, لبنان is not ل + بنان), so each rule asks for a stem long enough that such
/// coincidences are rare. The index keeps the surface next to the stem and ranks surface matches
/// higher, so a missed merge costs recall only through the stem, while a false merge mixes results.
///
/// Proclitics, tried longest first; the first whose condition holds is stripped, and the word's
/// enclitic (below) is stripped too. "The stem" is what remains of the word once both are.
/// - The article, alone or after a preposition and/or conjunction: ال وال فال بال كال وبال فبال
///   وكال فكال, and لل ولل فلل (لِـ + ال, whose alef is not written). The stem must keep at
///   least 3 letters. The article is the most reliable clitic, so it gets the lowest bar.
/// - A preposition ب ك ل, alone or after و ف (وب فل…): the stem must keep at least 5 letters.
///   Many frequent words and names begin with these letters (بيت، كتاب، لبنان، بغداد، كبير، لندن),
///   and a 4-letter remainder of such a word is often a word too (بنان، تاب). Counting after the
///   enclitic keeps كتابها's ك (تاب is too short) and بينهما's ب (the enclitic counted is the one
///   the word would lose without the proclitic when the remainder is too short to lose it).
/// - A conjunction و ف alone: the stem must keep at least 5 letters, and the next letter must not
///   be ا or ل. Words whose own first letter is و or ف are common, and after و or ف an ا or ل is
///   far more often the word's own (واشنطن، واحد، وافق، فاز؛ ولاية، فلسطين) than a clitic's.
///   So `وقال` keeps its و, the price of never turning `وزير` into `زير`.
///
/// Enclitics, tried longest first; the first whose condition holds is stripped:
/// - ات, the sound feminine plural, becomes ه (the ة of its singular, as normalized), so
///   الحكومات and الحكومة share `حكومه`. At least 3 letters must remain before the ه.
/// - تين تان, the dual of a word ending in ة (طائرتين، طائرتان), become ه like ات, so they share
///   `طائره` with the singular. At least 3 letters must remain before the ه.
/// - ون ين ان, sound masculine plural and dual: at least 4 letters must remain, because many
///   names end this way (لبنان، السودان، ايران، فلسطين) and their 3-letter remainder is often a
///   word (لبن، سود).
/// - يه (ية as normalized), the feminine of a relative adjective, becomes ي, so السورية and السوري
///   share `سوري`. At least 3 letters must remain before the ي (عليه and قضيه keep their ه).
/// - The possessive and object pronouns ها هم هن هما كم كن نا: at least 3 letters must remain.
///   Never after the article, since a definite noun takes no possessive (الحكومه's ه is a ة).
///   Nor نا after ا و ي: there the ن is far more often the noun's own before the alef of
///   tanween (بيانا، مليونا، تلفزيونا) than "our" after a long vowel.
/// - ي alone is never stripped. It could be the pronoun "my", which news rarely writes outside
///   quotes; it is far more often the word's own, a ى typed as ي (مستشفى، مستوى) or a relative
///   adjective (عسكري، عراقي، فلسطيني). A rule that stripped it would have to spare the definite
///   forms (the article rules "my" out), and then المستشفى and مستشفى, العسكري and عسكري,
///   اللبنانيين and لبناني would each reach two keys.
/// - ه alone is never stripped. After ة → ه normalization, a final ه is far more often a ة that
///   belongs to the word (حكومه، مدرسه ≠ مدرس) than the pronoun "his".
///
/// Known misses, accepted for a rule set without a lexicon: ل + a name that begins with ل reads as
/// لل + name (للبنان → بنان); a word whose ا or إ is followed by ل reads as the article after
/// alef folding (إلغاء → الغاء → غاء); long words that begin with a clitic letter lose it
/// without the article and keep it after it (بريطاني → ريطاني, البريطاني → بريطاني), which a
/// query bridges for relative adjectives (`SearchTerms.keys(of:)`, `Cut.isAfterArticle`).
enum ArabicLightStemmer {
    /// How a word becomes its stem: drop `prefixLength` letters at the front and `suffixLength`
    /// at the end, then append `ending` if any.
    struct Cut: Equatable {
        let prefixLength: Int
        let suffixLength: Int
        let ending: Unicode.Scalar?
        /// Whether the letters dropped at the front end with the article.
        let isAfterArticle: Bool

        /// The stem `word` becomes, as a String.
        func stem(of word: [Unicode.Scalar]) -> String {
            String(scalars: word[prefixLength..<(word.count - suffixLength)], ending: ending)
        }
    }

    /// The cut that stems `word`, or nil when no rule strips anything or `word` is not made of
    /// Arabic letters only (Latin words, numbers and mixed tokens are not stemmed).
    static func cut(_ word: [Unicode.Scalar]) -> Cut? {
        // Every rule strips at least two letters and keeps at least three, or one and five: shorter
        // words (most function words among them) are never stemmed, so they are spared the scan.
        guard word.count >= 5, word.allSatisfy(isArabicLetter) else { return nil }
        let candidates = procliticInitials.contains(word[0]) ? proclitics : []
        for proclitic in candidates where word.starts(with: proclitic.letters) {
            let start = proclitic.letters.count
            if proclitic.kind == .conjunction {
                guard start < word.count, word[start] != alef, word[start] != lam else { continue }
            }
            let afterArticle = proclitic.kind == .article
            let enclitic = encliticCut(word, from: start, afterArticle: afterArticle)
            // Judged by the stem left once the enclitic goes, even one that only the whole word is
            // long enough to lose: stripping ب must not be what saves ينهما's هما in بينهما. Not
            // for the article, whose noun keeps an ending too short to lose (البيان is ال + بيان,
            // not البي + ان, and الشؤون, اليمين, الذات likewise).
            let judged =
                enclitic.length > 0 || afterArticle ? enclitic : encliticCut(word, from: 0, afterArticle: false)
            var stemLength = word.count - start - judged.length + (judged.ending == nil ? 0 : 1)
            // A stem ending in ي counts one letter less for a preposition or conjunction: that ي is
            // most often a relative adjective's, and must not be what makes the word long enough to
            // lose a first letter that is its own (لبناني، لبنانيون، لبنانية are لبنان + ي, not ل + بناني).
            // Except before م: a stem of the shape مفعل ends in ى typed ي (مستوى، منتدى، ملتقى) far
            // more often than a word begins with بم، لم، كم، وم or فم of its own, so بمستوى is ب + مستوى.
            if !afterArticle, word[start] != meem, (judged.ending ?? word[word.count - 1 - judged.length]) == yeh {
                stemLength -= 1
            }
            if stemLength >= proclitic.kind.minimumStemLength {
                return Cut(prefixLength: start, suffixLength: enclitic.length, ending: enclitic.ending, isAfterArticle: afterArticle)
            }
        }
        let enclitic = encliticCut(word, from: 0, afterArticle: false)
        guard enclitic.length > 0 else { return nil }
        return Cut(prefixLength: 0, suffixLength: enclitic.length, ending: enclitic.ending, isAfterArticle: false)
    }

    /// The enclitic to strip from `word[start...]`: how many letters, and the ending that replaces
    /// them. Length 0 when none applies.
    private static func encliticCut(
        _ word: [Unicode.Scalar], from start: Int, afterArticle: Bool
    ) -> (length: Int, ending: Unicode.Scalar?) {
        let available = word.count - start
        for enclitic in enclitics {
            if enclitic.isPronoun, afterArticle { continue }
            let length = enclitic.letters.count
            guard available - length >= enclitic.minimumRemaining,
                word[(word.count - length)...].elementsEqual(enclitic.letters)
            else { continue }
            if enclitic.letters == ours, longVowels.contains(word[word.count - length - 1]) { continue }
            return (length, enclitic.ending)
        }
        return (0, nil)
    }

    private enum ProcliticKind {
        case article, preposition, conjunction

        /// The fewest letters the stem may keep once this proclitic is stripped (see the type's doc).
        var minimumStemLength: Int {
            switch self {
            case .article: return 3
            case .preposition, .conjunction: return 5
            }
        }
    }

    private struct Proclitic {
        let letters: [Unicode.Scalar]
        let kind: ProcliticKind

        init(_ letters: String, _ kind: ProcliticKind) {
            self.letters = Array(letters.unicodeScalars)
            self.kind = kind
        }
    }

    private struct Enclitic {
        let letters: [Unicode.Scalar]
        /// Replaces the stripped letters in the stem.
        let ending: Unicode.Scalar?
        /// Barred after the article.
        let isPronoun: Bool
        /// The fewest letters that must remain, not counting `ending` (see the type's doc).
        let minimumRemaining: Int

        init(_ letters: String, ending: Unicode.Scalar? = nil, isPronoun: Bool, minimumRemaining: Int) {
            self.letters = Array(letters.unicodeScalars)
            self.ending = ending
            self.isPronoun = isPronoun
            self.minimumRemaining = minimumRemaining
        }

        static func pronoun(_ letters: String) -> Enclitic {
            Enclitic(letters, isPronoun: true, minimumRemaining: 3)
        }
    }

    /// The letters a proclitic can begin with: ا و ف ب ك ل.
    private static let procliticInitials: Set<Unicode.Scalar> = Set(proclitics.map { $0.letters[0] })

    /// Longest first, so `وال` is tried before `و` and `لل` before `ل`.
    private static let proclitics: [Proclitic] = [
        Proclitic("وبال", .article), Proclitic("فبال", .article),
        Proclitic("وكال", .article), Proclitic("فكال", .article),
        Proclitic("وال", .article), Proclitic("فال", .article),
        Proclitic("بال", .article), Proclitic("كال", .article),
        Proclitic("ولل", .article), Proclitic("فلل", .article),
        Proclitic("ال", .article), Proclitic("لل", .article),
        Proclitic("وب", .preposition), Proclitic("وك", .preposition), Proclitic("ول", .preposition),
        Proclitic("فب", .preposition), Proclitic("فك", .preposition), Proclitic("فل", .preposition),
        Proclitic("ب", .preposition), Proclitic("ك", .preposition), Proclitic("ل", .preposition),
        Proclitic("و", .conjunction), Proclitic("ف", .conjunction),
    ]

    /// Longest first: تين and تان must be tried before ين and ان, which end them.
    private static let enclitics: [Enclitic] = [
        .pronoun("هما"),
        Enclitic("تين", ending: "\u{0647}", isPronoun: false, minimumRemaining: 3),  // تين → ه
        Enclitic("تان", ending: "\u{0647}", isPronoun: false, minimumRemaining: 3),  // تان → ه
        Enclitic("ات", ending: "\u{0647}", isPronoun: false, minimumRemaining: 3),  // ات → ه
        Enclitic("ون", isPronoun: false, minimumRemaining: 4),
        Enclitic("ين", isPronoun: false, minimumRemaining: 4),
        Enclitic("ان", isPronoun: false, minimumRemaining: 4),
        Enclitic("يه", ending: "\u{064A}", isPronoun: false, minimumRemaining: 3),  // يه → ي
        .pronoun("ها"), .pronoun("هم"), .pronoun("هن"), .pronoun("كم"), .pronoun("كن"), .pronoun("نا"),
    ]

    private static let alef: Unicode.Scalar = "\u{0627}"
    private static let lam: Unicode.Scalar = "\u{0644}"
    private static let yeh: Unicode.Scalar = "\u{064A}"
    private static let meem: Unicode.Scalar = "\u{0645}"
    /// The pronoun نا, kept after a long vowel (see the type's doc).
    private static let ours: [Unicode.Scalar] = ["\u{0646}", "\u{0627}"]
    private static let longVowels: Set<Unicode.Scalar> = ["\u{0627}", "\u{0648}", "\u{064A}"]

    /// A letter of the Arabic script that a normalized surface can hold (not a digit or Latin letter).
    private static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x0600 && SlugAlphabet.isSlugScalar(scalar)
    }
}
