/// Gathers the folded scalars of a text into `AnalyzedToken`s, one scalar at a time, remembering
/// where in the original UTF-8 each word began and ended.
struct TokenBuilder {
    private(set) var tokens: [AnalyzedToken] = []
    /// Whether tokens are spelled (surface and stem) or only placed: where a word begins and
    /// ends does not depend on its spelling, and placing costs a fraction of spelling.
    private let spellsWords: Bool
    /// The normalized letters of the word being read; empty between words. Kept across words so
    /// its storage is allocated once per text.
    private var letters: [Unicode.Scalar] = []
    private var start = 0
    private var end = 0
    /// The highest combining class of the marks met since the last letter, or nil when a starter
    /// (tatweel, a format character) came between. As in Unicode NFC, a hamza or madda mark
    /// composes with that letter only when nothing blocks it, so decomposed و + ٔ reads as ؤ, the
    /// way a reader typing ؤ spells it (and ا + ٔ as أ, hence ا).
    private var marksSinceLetter: UInt8?

    init(spellsWords: Bool = true) {
        self.spellsWords = spellsWords
        letters.reserveCapacity(32)
    }

    /// Reads `scalar`, which occupies `range` of the original UTF-8.
    mutating func add(_ scalar: Unicode.Scalar, at range: Range<Int>) {
        switch SearchFolding.fold(scalar) {
        case .letter(let letter):
            append(letter, at: range)
        case .expansion(let text):
            if SearchFolding.isPhrase(text) {
                // ﷺ spells four words: each is a token of its own, all pointing at the ligature,
                // none merged with a neighbouring word.
                finishWord()
                expand(text, at: range)
                finishWord()
            } else {
                expand(text, at: range)
            }
        case .mark:
            addMark(scalar, at: range)
        case .format:
            marksSinceLetter = nil
        case .separator:
            finishWord()
        }
    }

    /// Ends the word being read, if any, and records its token.
    mutating func finishWord() {
        guard !letters.isEmpty else { return }
        guard spellsWords else {
            tokens.append(AnalyzedToken(surface: "", stem: nil, utf8Range: start..<end))
            letters.removeAll(keepingCapacity: true)
            marksSinceLetter = nil
            return
        }
        SearchFolding.unifyMadda(&letters)
        SearchFolding.unifyHundred(&letters)
        let stem = ArabicLightStemmer.cut(letters)?.stem(of: letters)
        tokens.append(AnalyzedToken(surface: String(scalars: letters[...]), stem: stem, utf8Range: start..<end))
        letters.removeAll(keepingCapacity: true)
        marksSinceLetter = nil
    }

    private mutating func append(_ letter: Unicode.Scalar, at range: Range<Int>) {
        if letters.isEmpty { start = range.lowerBound }
        letters.append(letter)
        end = range.upperBound
        marksSinceLetter = 0
    }

    /// Reads the text one scalar stands for; every scalar of it occupies the same `range`.
    private mutating func expand(_ text: String, at range: Range<Int>) {
        for scalar in text.unicodeScalars {
            switch SearchFolding.fold(scalar) {
            case .letter(let letter): append(letter, at: range)
            case .expansion(let inner): expand(inner, at: range)
            case .mark: addMark(scalar, at: range)
            case .format: marksSinceLetter = nil
            case .separator: finishWord()
            }
        }
    }

    /// A mark vanishes but belongs to the word it follows; before any letter it belongs to nothing.
    private mutating func addMark(_ mark: Unicode.Scalar, at range: Range<Int>) {
        guard let last = letters.last else { return }
        end = range.upperBound
        let combiningClass = mark.properties.canonicalCombiningClass.rawValue
        guard combiningClass != 0, let marks = marksSinceLetter else {
            marksSinceLetter = nil  // Tatweel and other starters block composition.
            return
        }
        if marks < combiningClass, let composed = SlugAlphabet.composition(of: last, with: mark) {
            letters[letters.count - 1] = SearchFolding.unified(composed)
        } else {
            marksSinceLetter = max(marks, combiningClass)
        }
    }
}
