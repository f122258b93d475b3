/// What one scalar of an indexed text contributes to a search token. Built on `SlugAlphabet`, which
/// already folds presentation forms, Latin-1 and Latin Extended-A letters and Arabic-Indic digits,
/// and then goes further than a slug needs to: one alef, ه for ة, ي for ى, Arabic letters for
/// Persian ک ی, and letters and digits of other scripts kept rather than dropped, since a reader
/// searching for `Путин` or `२०२५` expects to find them.
enum SearchFolding {
    enum Fold {
        /// Part of a word, written as this scalar (already normalized).
        case letter(Unicode.Scalar)
        /// Stands for this text, itself folded again (ß → ss, ﻻ → لا, ﷺ → صلى الله عليه وسلم).
        case expansion(String)
        /// Vanishes inside a word yet belongs to it: harakat, Quranic marks, tatweel, any combining
        /// mark. The word's byte range covers it, so a highlight keeps the vowels on its last letter.
        case mark
        /// Vanishes without ending the word and without belonging to it: zero-width non-joiner,
        /// bidi marks, soft hyphen.
        case format
        /// Ends the word: whitespace, punctuation, symbols, emoji, controls.
        case separator
    }

    static func fold(_ scalar: Unicode.Scalar) -> Fold {
        // ASCII first: most separators of a mixed text are ASCII spaces and punctuation, and
        // deciding them here spares `SlugAlphabet` a table lookup.
        if scalar.isASCII {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A: return .letter(scalar)
            case 0x41...0x5A: return .letter(Unicode.Scalar(UInt8(scalar.value + 0x20)))
            default: return .separator
            }
        }
        switch SlugAlphabet.fold(scalar) {
        case .kept(let kept): return .letter(unified(kept))
        case .replaced(let text): return .expansion(text)
        case .separator: return .separator
        case .dropped: return foldDropped(scalar)
        }
    }

    /// Whether `text`, an expansion, spells more than one word (ﷺ, ﷻ).
    static func isPhrase(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            if case .separator = fold(scalar) { return true }
            return false
        }
    }

    /// The spelling readers do not distinguish when they search: every alef form (أ إ ٱ) is ا,
    /// ة is ه (what is typed for it at the end of a word), ى is ي, Persian ک and ی are ك and ي,
    /// and hamza on a waw or yeh seat (ؤ ئ) is ء: the seat follows the vowels around the hamza,
    /// which writers and regions spell differently (مسؤول and مسئول, شؤون and شئون, and a word's
    /// own case endings: ابناؤه، ابنائه، ابناءه). آ stays until the word is whole (`unifyMadda`).
    static func unified(_ letter: Unicode.Scalar) -> Unicode.Scalar {
        switch letter.value {
        case 0x0624, 0x0626: return "\u{0621}"  // ؤ ئ → ء
        case 0x0623, 0x0625, 0x0671: return "\u{0627}"  // أ إ ٱ → ا
        case 0x0629: return "\u{0647}"  // ة → ه
        case 0x0649, 0x06CC: return "\u{064A}"  // ى ی → ي
        case 0x06A9: return "\u{0643}"  // ک → ك
        default: return letter
        }
    }

    /// What a scalar `SlugAlphabet` drops is to search. A slug has no place for digits of other
    /// scripts or for non-Latin letters; an index does.
    private static func foldDropped(_ scalar: Unicode.Scalar) -> Fold {
        // In the Arabic block SlugAlphabet drops only decoration (harakat, Quranic marks and small
        // letters, tatweel), which belongs to the word it decorates.
        if (0x0600...0x06FF).contains(scalar.value) { return .mark }
        // Fullwidth Latin letters (ＡＢＣ, from East Asian input methods) are the ASCII ones.
        if (0xFF21...0xFF3A).contains(scalar.value) || (0xFF41...0xFF5A).contains(scalar.value) {
            return fold(Unicode.Scalar(scalar.value - 0xFEE0)!)
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .decimalNumber:
            // Any script's decimal digit (fullwidth ０, Devanagari २…) is the ASCII digit, so
            // numbers match however they were typed.
            if let value = properties.numericValue, (0...9).contains(value) {
                return .letter(Unicode.Scalar(UInt8(0x30 + Int(value))))
            }
            return .letter(scalar)
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .letterNumber, .otherNumber:
            // Lowercased, then folded again: Å (Ångström sign) lowercases to å, which folds to a.
            if properties.changesWhenLowercased { return .expansion(properties.lowercaseMapping) }
            return .letter(scalar)
        case .format:
            return .format
        default:
            return .mark
        }
    }

    /// آ is ا, as readers type it (آخر، القرآن), except where it spells a hamza's alef and the
    /// alef of the plural ending ات: before a word's final ت (منشآت، مكافآت، مفاجآت, the plurals
    /// of منشأة، مكافأة، مفاجأة), it is ا twice, so that the plural's ات comes off as it does
    /// from every other plural and leaves the singular's key (منشاه, not منشه).
    static func unifyMadda(_ letters: inout [Unicode.Scalar]) {
        for index in letters.indices.reversed() where letters[index] == madda {
            letters[index] = alef
            if index == letters.count - 2, letters.count >= 5, letters[index + 1] == teh { letters.insert(alef, at: index) }
        }
    }

    private static let madda: Unicode.Scalar = "\u{0622}"
    private static let alef: Unicode.Scalar = "\u{0627}"
    private static let teh: Unicode.Scalar = "\u{062A}"

    /// One word's spelling variant that no letter-by-letter rule can see: "hundred" is written
    /// مائة (an old spelling, still the most common) and مئة (the reformed one), and so are its
    /// dual and compounds (مائتين، ثلاثمائة). After `unified`, the two spell ماءه and مءه; the
    /// alef goes, wherever the word has ماءه or ماءت. The same letters could spell "his water"
    /// (ماءه), which news writes rarely enough for the merge to be the better trade.
    static func unifyHundred(_ letters: inout [Unicode.Scalar]) {
        guard letters.count >= 4 else { return }
        var index = 0
        while index + 4 <= letters.count {
            if letters[index] == "\u{0645}", letters[index + 1] == "\u{0627}", letters[index + 2] == "\u{0621}",
                letters[index + 3] == "\u{0647}" || letters[index + 3] == "\u{062A}"
            {
                letters.remove(at: index + 1)
            }
            index += 1
        }
    }
}
