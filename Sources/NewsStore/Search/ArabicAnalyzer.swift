/// The text analysis behind search: splits a text into words and spells each the way Arabic
/// readers search for it. Readers type without harakat, with any alef, ه for ة, ي for ى, and words
/// carry clitics (والحكومة، بالحكومة، للحكومة، الحكومات), so every token has a normalized surface
/// and, when its clitics can be stripped, a light stem; the index holds both.
///
/// A word is a maximal run of letters and digits of any script. Harakat, Quranic marks, tatweel
/// and other combining marks vanish without splitting it, as do format characters such as the
/// zero-width non-joiner of Persian words. Whitespace, punctuation (، ؛ ؟ « » " …), symbols and
/// emoji separate words. Pure: the same text always gives the same tokens.
public enum ArabicAnalyzer {
    /// The words of `text`, in order, with their byte ranges in `text.utf8`.
    ///
    /// Each scalar is folded (see `SearchFolding`): presentation forms to their letters, every
    /// alef form to ا, ة to ه, ى and Persian ی to ي, Persian ک to ك, digits of any script to ASCII,
    /// Latin letters to lowercase without accents. Arabic words are then stemmed by
    /// `ArabicLightStemmer`.
    public static func tokens(in text: String) -> [AnalyzedToken] {
        analyze(text, into: TokenBuilder())
    }

    /// The byte ranges in `text.utf8` of the words `tokens(in:)` finds, without spelling them:
    /// for marking words whose matches are already known.
    static func wordRanges(in text: String) -> [Range<Int>] {
        analyze(text, into: TokenBuilder(spellsWords: false)).map(\.utf8Range)
    }

    private static func analyze(_ text: String, into builder: TokenBuilder) -> [AnalyzedToken] {
        var builder = builder
        var offset = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            builder.add(scalar, at: offset..<(offset + width))
            offset += width
        }
        builder.finishWord()
        return builder.tokens
    }

    /// `text` as search compares it: the surfaces of its words joined by single spaces
    /// (`"والحكومةُ، «٢٠٢٥»"` → `"والحكومه 2025"`). For normalizing a query or a stored key.
    public static func normalize(_ text: String) -> String {
        tokens(in: text).lazy.map(\.surface).joined(separator: " ")
    }

    /// The light stem of `surface`, a word as `tokens(in:)` normalizes it, or nil when nothing is
    /// stripped (`"والحكومه"` → `"حكومه"`, `"واشنطن"` → nil).
    public static func stem(ofSurface surface: String) -> String? {
        let letters = Array(surface.unicodeScalars)
        return ArabicLightStemmer.cut(letters)?.stem(of: letters)
    }

    /// The stem `surface` has in its other form, without the article when it has one and with it
    /// when it has none (`"البريطاني"` → `"ريطاني"`, `"بريطانيه"` → `"بريطاني"`), or nil when
    /// no proclitic is stripped from it or from its bare form. Without the article, the stemmer
    /// can take a word's own first letter for a preposition or conjunction (ب ك ل و ف); after
    /// it, never. So the two forms of one word can have two keys.
    static func stemInOtherForm(ofSurface surface: String) -> String? {
        let letters = Array(surface.unicodeScalars)
        guard let cut = ArabicLightStemmer.cut(letters), cut.prefixLength > 0 else { return nil }
        if cut.isAfterArticle {
            let bare = Array(letters[cut.prefixLength...])
            guard let bareCut = ArabicLightStemmer.cut(bare), bareCut.prefixLength > 0 else { return nil }
            return bareCut.stem(of: bare)
        }
        let definite = article + letters
        return ArabicLightStemmer.cut(definite)?.stem(of: definite)
    }

    private static let article: [Unicode.Scalar] = ["\u{0627}", "\u{0644}"]

    /// `surface` without the proclitics its stem loses, its ending kept (`"والتلفزيون"` →
    /// `"تلفزيون"`), or nil when no proclitic is stripped.
    static func withoutProclitics(ofSurface surface: String) -> String? {
        let letters = Array(surface.unicodeScalars)
        guard let cut = ArabicLightStemmer.cut(letters), cut.prefixLength > 0 else { return nil }
        return String(scalars: letters[cut.prefixLength...])
    }
}
