/// One word of a text as search sees it: the spelling it is indexed under, its light stem, and where
/// it was written, so `highlight()` and `snippet()` can mark the original, diacritized text.
public struct AnalyzedToken: Sendable, Equatable {
    /// The normalized word: no harakat or tatweel, one alef, ه for ة, ي for ى, Arabic letters for
    /// presentation forms and Persian ک ی, ASCII digits, lowercase Latin without accents.
    public let surface: String
    /// The word without its clitics (`والحكومه` → `حكومه`), or nil when the stemmer strips nothing.
    /// Never equal to `surface`.
    public let stem: String?
    /// The bytes of the original word in the analyzed text's UTF-8, from its first letter through
    /// its last letter or mark. Words spelled out by one ligature scalar (ﷺ) share that scalar's range.
    public let utf8Range: Range<Int>

    public init(surface: String, stem: String?, utf8Range: Range<Int>) {
        self.surface = surface
        self.stem = stem
        self.utf8Range = utf8Range
    }
}
