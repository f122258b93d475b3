/// The scalars a slug is made of, and what every other scalar of a title becomes. Plain tables and
/// `Unicode.Scalar.Properties` rather than Foundation, which the shipped binary does without.
///
/// Not mapped, hence dropped: the two- and three-letter presentation ligatures U+FC00–U+FD3D and
/// U+FD50–U+FDC7 (hundreds of rare pairs such as ﳊ, only worth a generated table), the spacing
/// harakat forms U+FE70–U+FE7F, the Quranic stop signs U+FDF0–U+FDF1, Latin letters beyond
/// Latin-1 Supplement and Latin Extended-A (ǎ, ẞ, ﬁ…), digits of other scripts, and letters of
/// other scripts. Dropped scalars vanish without splitting a word; symbols of those blocks
/// (﴾ ﴿ ﷼ ﷽) are separators like any other.
enum SlugAlphabet {
    /// What one scalar of a title contributes to its slug.
    enum Fold {
        /// Written as this scalar (already lowercase, base letter or ASCII digit).
        case kept(Unicode.Scalar)
        /// Stands for this text, itself folded again (ß → ss, ﻻ → لا, ﷺ → صلى الله عليه وسلم).
        case replaced(String)
        /// Vanishes without ending the word: diacritics, tatweel, invisible format characters,
        /// letters and digits the slug alphabet has no place for.
        case dropped
        /// Ends the word: whitespace, punctuation, symbols, emoji, controls.
        case separator
    }

    /// What `scalar` contributes to a slug.
    static func fold(_ scalar: Unicode.Scalar) -> Fold {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A:
            return .kept(scalar)
        case 0x41...0x5A:
            return .kept(asciiScalar(scalar.value + 0x20))
        case 0x0660...0x0669:  // Arabic-Indic digits ٠–٩
            return .kept(asciiScalar(scalar.value - 0x0660 + 0x30))
        case 0x06F0...0x06F9:  // Extended Arabic-Indic (Persian, Urdu) digits ۰–۹
            return .kept(asciiScalar(scalar.value - 0x06F0 + 0x30))
        // Harakat, Quranic annotation marks, superscript alef and tatweel decorate a word without
        // spelling it: دَمَشْقُ and دمـــشق must give the same slug as دمشق.
        case 0x0610...0x061A, 0x0640, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED:
            return .dropped
        default:
            break
        }
        if isArabicLetter(scalar) { return .kept(scalar) }
        if let text = replacements[scalar] { return .replaced(text) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber,
            .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return .dropped
        default:
            return .separator
        }
    }

    /// Whether `scalar` may appear in a slug besides `-`: a lowercase ASCII letter, an ASCII digit or
    /// a kept Arabic letter. Exactly the scalars `fold` keeps.
    static func isSlugScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return true
        default: return isArabicLetter(scalar)
        }
    }

    /// The precomposed letter for `letter` followed by a combining hamza or madda (ا + ٔ → أ), the
    /// eight canonical compositions of the Arabic block, or nil.
    static func composition(of letter: Unicode.Scalar, with mark: Unicode.Scalar) -> Unicode.Scalar? {
        switch (letter.value, mark.value) {
        case (0x0627, 0x0653): return "\u{0622}"  // alef + madda above
        case (0x0627, 0x0654): return "\u{0623}"  // alef + hamza above
        case (0x0648, 0x0654): return "\u{0624}"  // waw + hamza above
        case (0x0627, 0x0655): return "\u{0625}"  // alef + hamza below
        case (0x064A, 0x0654): return "\u{0626}"  // yeh + hamza above
        case (0x06D5, 0x0654): return "\u{06C0}"  // ae + hamza above
        case (0x06C1, 0x0654): return "\u{06C2}"  // heh goal + hamza above
        case (0x06D2, 0x0654): return "\u{06D3}"  // yeh barree + hamza above
        default: return nil
        }
    }

    /// The Arabic letters a slug keeps: the Arabic letters and the Persian, Urdu and other
    /// extensions of the U+0600 block (پ چ ژ ک گ ی…). Not tatweel (U+0640) nor superscript alef
    /// (U+0670), which sit inside these ranges.
    private static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0621...0x063F, 0x0641...0x064A, 0x066E...0x066F, 0x0671...0x06D3, 0x06D5, 0x06FA...0x06FC:
            return true
        default:
            return false
        }
    }

    private static func asciiScalar(_ value: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(UInt8(value))
    }

    /// Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A) by their ASCII folding.
    private static let latinFolds: [(ascii: String, letters: String)] = [
        ("a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄą"), ("ae", "Ææ"), ("c", "ÇçĆćĈĉĊċČč"), ("d", "ÐðĎďĐđ"),
        ("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě"), ("g", "ĜĝĞğĠġĢģ"), ("h", "ĤĥĦħ"), ("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı"),
        ("ij", "Ĳĳ"), ("j", "Ĵĵ"), ("k", "Ķķĸ"), ("l", "ĹĺĻļĽľĿŀŁł"), ("n", "ÑñŃńŅņŇňŉ"), ("ng", "Ŋŋ"),
        ("o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐő"), ("oe", "Œœ"), ("r", "ŔŕŖŗŘř"), ("s", "ŚśŜŝŞşŠšſ"), ("ss", "ß"),
        ("t", "ŢţŤťŦŧ"), ("th", "Þþ"), ("u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų"), ("w", "Ŵŵ"), ("y", "ÝýÿŶŷŸ"),
        ("z", "ŹźŻżŽž"),
    ]

    /// Runs of Arabic presentation forms (first scalar, count, base text): the contextual
    /// (isolated, final, initial, medial) forms of a letter are consecutive and share one base.
    private static let presentationForms: [(first: UInt32, count: UInt32, base: String)] = [
        // Presentation Forms-A: letters of Persian, Urdu, Sindhi, Uyghur, Kazakh…
        (0xFB50, 2, "\u{0671}"),  // alef wasla
        (0xFB52, 4, "\u{067B}"),  // beeh
        (0xFB56, 4, "\u{067E}"),  // peh
        (0xFB5A, 4, "\u{0680}"),  // beheh
        (0xFB5E, 4, "\u{067A}"),  // tteheh
        (0xFB62, 4, "\u{067F}"),  // teheh
        (0xFB66, 4, "\u{0679}"),  // tteh
        (0xFB6A, 4, "\u{06A4}"),  // veh
        (0xFB6E, 4, "\u{06A6}"),  // peheh
        (0xFB72, 4, "\u{0684}"),  // dyeh
        (0xFB76, 4, "\u{0683}"),  // nyeh
        (0xFB7A, 4, "\u{0686}"),  // tcheh
        (0xFB7E, 4, "\u{0687}"),  // tcheheh
        (0xFB82, 2, "\u{068D}"),  // ddahal
        (0xFB84, 2, "\u{068C}"),  // dahal
        (0xFB86, 2, "\u{068E}"),  // dul
        (0xFB88, 2, "\u{0688}"),  // ddal
        (0xFB8A, 2, "\u{0698}"),  // jeh
        (0xFB8C, 2, "\u{0691}"),  // rreh
        (0xFB8E, 4, "\u{06A9}"),  // keheh
        (0xFB92, 4, "\u{06AF}"),  // gaf
        (0xFB96, 4, "\u{06B3}"),  // gueh
        (0xFB9A, 4, "\u{06B1}"),  // ngoeh
        (0xFB9E, 2, "\u{06BA}"),  // noon ghunna
        (0xFBA0, 4, "\u{06BB}"),  // rnoon
        (0xFBA4, 2, "\u{06C0}"),  // heh with yeh above
        (0xFBA6, 4, "\u{06C1}"),  // heh goal
        (0xFBAA, 4, "\u{06BE}"),  // heh doachashmee
        (0xFBAE, 2, "\u{06D2}"),  // yeh barree
        (0xFBB0, 2, "\u{06D3}"),  // yeh barree with hamza above
        (0xFBD3, 4, "\u{06AD}"),  // ng
        (0xFBD7, 2, "\u{06C7}"),  // u
        (0xFBD9, 2, "\u{06C6}"),  // oe
        (0xFBDB, 2, "\u{06C8}"),  // yu
        (0xFBDD, 1, "\u{0677}"),  // u with hamza above
        (0xFBDE, 2, "\u{06CB}"),  // ve
        (0xFBE0, 2, "\u{06C5}"),  // kirghiz oe
        (0xFBE2, 2, "\u{06C9}"),  // kirghiz yu
        (0xFBE4, 4, "\u{06D0}"),  // e
        (0xFBE8, 2, "\u{0649}"),  // uighur kazakh kirghiz alef maksura
        (0xFBFC, 4, "\u{06CC}"),  // farsi yeh
        // Presentation Forms-A: Uyghur ligatures of yeh with hamza above and a vowel letter.
        (0xFBEA, 2, "\u{0626}\u{0627}"),  // yeh with hamza above with alef
        (0xFBEC, 2, "\u{0626}\u{06D5}"),  // yeh with hamza above with ae
        (0xFBEE, 2, "\u{0626}\u{0648}"),  // yeh with hamza above with waw
        (0xFBF0, 2, "\u{0626}\u{06C7}"),  // yeh with hamza above with u
        (0xFBF2, 2, "\u{0626}\u{06C6}"),  // yeh with hamza above with oe
        (0xFBF4, 2, "\u{0626}\u{06C8}"),  // yeh with hamza above with yu
        (0xFBF6, 3, "\u{0626}\u{06D0}"),  // yeh with hamza above with e
        (0xFBF9, 3, "\u{0626}\u{0649}"),  // uighur kirghiz yeh with hamza above with alef maksura
        // Presentation Forms-A: word ligatures (ﷲ, ﷺ…).
        (0xFDF2, 1, "\u{0627}\u{0644}\u{0644}\u{0647}"),  // allah
        (0xFDF3, 1, "\u{0627}\u{0643}\u{0628}\u{0631}"),  // akbar
        (0xFDF4, 1, "\u{0645}\u{062D}\u{0645}\u{062F}"),  // mohammad
        (0xFDF5, 1, "\u{0635}\u{0644}\u{0639}\u{0645}"),  // salam
        (0xFDF6, 1, "\u{0631}\u{0633}\u{0648}\u{0644}"),  // rasoul
        (0xFDF7, 1, "\u{0639}\u{0644}\u{064A}\u{0647}"),  // alayhe
        (0xFDF8, 1, "\u{0648}\u{0633}\u{0644}\u{0645}"),  // wasallam
        (0xFDF9, 1, "\u{0635}\u{0644}\u{0649}"),  // salla
        // sallallahou alayhe wasallam
        (0xFDFA, 1, "\u{0635}\u{0644}\u{0649} \u{0627}\u{0644}\u{0644}\u{0647} \u{0639}\u{0644}\u{064A}\u{0647} \u{0648}\u{0633}\u{0644}\u{0645}"),
        (0xFDFB, 1, "\u{062C}\u{0644} \u{062C}\u{0644}\u{0627}\u{0644}\u{0647}"),  // jallajalalouhou
        // Presentation Forms-B: hamza, the 28 letters and the lam-alef ligatures ﻵ ﻷ ﻹ ﻻ.
        (0xFE80, 1, "\u{0621}"),  // hamza
        (0xFE81, 2, "\u{0622}"),  // alef with madda above
        (0xFE83, 2, "\u{0623}"),  // alef with hamza above
        (0xFE85, 2, "\u{0624}"),  // waw with hamza above
        (0xFE87, 2, "\u{0625}"),  // alef with hamza below
        (0xFE89, 4, "\u{0626}"),  // yeh with hamza above
        (0xFE8D, 2, "\u{0627}"),  // alef
        (0xFE8F, 4, "\u{0628}"),  // beh
        (0xFE93, 2, "\u{0629}"),  // teh marbuta
        (0xFE95, 4, "\u{062A}"),  // teh
        (0xFE99, 4, "\u{062B}"),  // theh
        (0xFE9D, 4, "\u{062C}"),  // jeem
        (0xFEA1, 4, "\u{062D}"),  // hah
        (0xFEA5, 4, "\u{062E}"),  // khah
        (0xFEA9, 2, "\u{062F}"),  // dal
        (0xFEAB, 2, "\u{0630}"),  // thal
        (0xFEAD, 2, "\u{0631}"),  // reh
        (0xFEAF, 2, "\u{0632}"),  // zain
        (0xFEB1, 4, "\u{0633}"),  // seen
        (0xFEB5, 4, "\u{0634}"),  // sheen
        (0xFEB9, 4, "\u{0635}"),  // sad
        (0xFEBD, 4, "\u{0636}"),  // dad
        (0xFEC1, 4, "\u{0637}"),  // tah
        (0xFEC5, 4, "\u{0638}"),  // zah
        (0xFEC9, 4, "\u{0639}"),  // ain
        (0xFECD, 4, "\u{063A}"),  // ghain
        (0xFED1, 4, "\u{0641}"),  // feh
        (0xFED5, 4, "\u{0642}"),  // qaf
        (0xFED9, 4, "\u{0643}"),  // kaf
        (0xFEDD, 4, "\u{0644}"),  // lam
        (0xFEE1, 4, "\u{0645}"),  // meem
        (0xFEE5, 4, "\u{0646}"),  // noon
        (0xFEE9, 4, "\u{0647}"),  // heh
        (0xFEED, 2, "\u{0648}"),  // waw
        (0xFEEF, 2, "\u{0649}"),  // alef maksura
        (0xFEF1, 4, "\u{064A}"),  // yeh
        (0xFEF5, 2, "\u{0644}\u{0622}"),  // lam with alef with madda above
        (0xFEF7, 2, "\u{0644}\u{0623}"),  // lam with alef with hamza above
        (0xFEF9, 2, "\u{0644}\u{0625}"),  // lam with alef with hamza below
        (0xFEFB, 2, "\u{0644}\u{0627}"),  // lam with alef
    ]

    /// Every scalar `fold` replaces by text, from the two tables above.
    private static let replacements: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for (ascii, letters) in latinFolds {
            for letter in letters.unicodeScalars { table[letter] = ascii }
        }
        for (first, count, base) in presentationForms {
            for value in first..<first + count { table[Unicode.Scalar(value)!] = base }
        }
        return table
    }()
}
