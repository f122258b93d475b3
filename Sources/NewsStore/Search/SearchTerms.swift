/// What a reader typed into the search box, read as terms and turned into an FTS5 MATCH
/// expression. The expression is built only from analyzed words, each quoted, so nothing the
/// reader types (quotes, `NEAR`, `*`, `-`, parentheses, `OR`) is ever read as FTS5 syntax.
///
/// - Words are separated as `ArabicAnalyzer` separates them; all must match (AND).
/// - `"…"` is a phrase: its words must appear in that order, next to each other. An unclosed quote
///   runs to the end of the query.
/// - A word followed directly by `*` matches every word that begins with it; it must have at least
///   `minimumPrefixLength` letters.
///
/// Each word matches, as alternatives in one OR, the index keys of its inflected forms (see
/// `keys(of:)`) and its exact surface, which `SearchRanking` uses to rank documents with the
/// spelling asked for above those with other forms.
public struct SearchTerms: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case word(AnalyzedToken)
        case prefix(String)
        case phrase([AnalyzedToken])
    }

    public let terms: [Term]

    /// The longest query accepted, in UTF-8 bytes, and the most terms in it: enough for any
    /// headline, small enough that a query costs a bounded number of index lookups.
    public static let maximumLength = 512
    public static let maximumTerms = 12
    /// The shortest prefix before `*`, in letters of its normalized surface (harakat and tatweel
    /// do not count; أ and ا are one letter). Two letters would expand to a large part of the
    /// vocabulary: `ال*` is nearly every other word of an Arabic archive, and cost seconds. The
    /// index keeps a ready list for every 3-letter start (migrations/0004_search_prefix_index.sql),
    /// so a prefix of three letters or more reads its hits like a word, newest first, and stops
    /// where the search does.
    public static let minimumPrefixLength = 3

    /// Marks a surface spelling in the index, apart from the keys (see `SearchTokenizer`).
    /// The analyzer never puts `=` in a word.
    static let surfaceMark = "="

    public enum Problem: Error, Equatable {
        case empty
        case tooLong
        case tooManyTerms
        /// A prefix (`word*`) shorter than `minimumPrefixLength`.
        case prefixTooShort
    }

    public init(parsing query: String) throws(Problem) {
        guard query.utf8.count <= Self.maximumLength else { throw .tooLong }
        var terms: [Term] = []
        for (index, segment) in query.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            // Odd segments lie between quotes.
            if index % 2 == 1 {
                let words = ArabicAnalyzer.tokens(in: String(segment))
                switch words.count {
                case 0: continue
                case 1: terms.append(.word(words[0]))
                default: terms.append(.phrase(words))
                }
            } else {
                let text = String(segment)
                let bytes = Array(text.utf8)
                for word in ArabicAnalyzer.tokens(in: text) {
                    let starred = word.utf8Range.upperBound < bytes.count && bytes[word.utf8Range.upperBound] == UInt8(ascii: "*")
                    if starred {
                        guard word.surface.unicodeScalars.count >= Self.minimumPrefixLength else { throw .prefixTooShort }
                        terms.append(.prefix(word.surface))
                    } else {
                        terms.append(.word(word))
                    }
                }
            }
        }
        guard !terms.isEmpty else { throw .empty }
        guard terms.count <= Self.maximumTerms else { throw .tooManyTerms }
        self.terms = terms
        (matchExpression, rankingPlan) = Self.compile(terms)
    }

    /// One phrase of `matchExpression`: which term it belongs to, and whether it asks for the
    /// term spelled exactly as typed (a marked surface) rather than for any of its forms.
    struct Phrase: Equatable {
        let term: Int
        let isExact: Bool
    }

    /// The FTS5 MATCH expression: one parenthesized OR per term, joined by AND. A word's
    /// alternatives are its keys, then its exact surface (which implies one of the keys, so it
    /// finds nothing more; `SearchRanking` counts it for the boost). A prefix asks for surfaces
    /// and keys both, since a word's key may not begin as its surface does (`والح*`).
    public let matchExpression: String

    /// `matchExpression`'s phrases in order, encoded for `SearchRanking` as one letter each:
    /// `a`, `b`… for a phrase of the first, second… term, `A`, `B`… when it is exact.
    public let rankingPlan: String

    /// Both, from one pass over the terms (the query's words are analyzed into keys once).
    private static func compile(_ terms: [Term]) -> (expression: String, plan: String) {
        var plan = ""
        var parts: [String] = []
        for (index, term) in terms.enumerated() {
            let part = expression(of: term)
            parts.append(part.expression)
            for isExact in part.exact {
                plan.unicodeScalars.append(Unicode.Scalar(UInt8((isExact ? 65 : 97) + index)))
            }
        }
        return (parts.joined(separator: " AND "), plan)
    }

    /// Reads `rankingPlan`.
    static func phrases(fromPlan plan: String) -> [Phrase] {
        plan.unicodeScalars.compactMap { letter in
            switch letter.value {
            case 97...122: return Phrase(term: Int(letter.value) - 97, isExact: false)
            case 65...90: return Phrase(term: Int(letter.value) - 65, isExact: true)
            default: return nil
            }
        }
    }

    /// A term's part of the expression, and for each of its phrases whether it is exact.
    private static func expression(of term: Term) -> (expression: String, exact: [Bool]) {
        switch term {
        case .word(let word):
            let keys = keys(of: word)
            let alternatives = keys.map(quoted) + [quoted(surfaceMark + word.surface)]
            return ("(" + alternatives.joined(separator: " OR ") + ")", keys.map { _ in false } + [true])
        case .prefix(let start):
            return ("(\(quoted(surfaceMark + start))* OR \(quoted(start))*)", [false, false])
        case .phrase(let words):
            let keys = quoted(words.map { $0.stem ?? $0.surface }.joined(separator: " "))
            let surfaces = quoted(words.map { surfaceMark + $0.surface }.joined(separator: " "))
            return ("(\(keys) OR \(surfaces))", [false, true])
        }
    }

    /// The index keys a query word stands for, without repeats. The stemmer reads a word alone,
    /// without knowing whether a reader typed a whole word or a bare stem, and a bare stem is
    /// what readers type; so a word also stands for:
    /// - its surface as a key, besides its stem: بريطاني typed alone loses a ب that the stemmer
    ///   takes for a preposition, yet it is the key of البريطاني;
    /// - for a relative adjective (a key ending in ي), the key of its other form, without the
    ///   article or with it (`ArabicAnalyzer.stemInOtherForm`): البريطانية finds بريطاني
    ///   (ريطاني), بريطانية finds البريطاني (بريطاني). The key is the one the index gives that
    ///   form of the same word, so it joins no word the form does not already join. Not for other
    ///   words: a noun that loses its own first letter often spells another word (كاميرات → اميره,
    ///   the key of أميرة), while a relative adjective keeps its ي and spells none;
    /// - a feminine form, key + ه, for keys of at least 4 letters: معلم finds معلمة and المعلمات
    ///   (whose ات becomes ه). Shorter keys are left alone because a 3-letter word and its ة form
    ///   are too often different words (امن "security" and امنه from الآمنة "safe").
    /// - for a listed word (`ListedSingulars`: a frequent broken plural, the dual or ات plural of
    ///   a short noun), its singular's key and that key's accusative: أسعار finds سعر, الطرفين
    ///   finds طرف and طرفا, الملفات finds ملف and ملفا;
    /// - for a plural in ات, the masculine singular too (`soundPluralSingulars`): الانتخابات finds
    ///   انتخاب, الإجراءات finds إجراء;
    /// - a relative adjective, key + ي, for keys of at least 3 letters: امن finds امني (أمنية),
    ///   مصر finds مصري, قطر finds قطري; the adjective means the thing itself. A name ending in ا
    ///   loses it, or trades it for ي: سوريا finds سوري (السورية), امريكا finds امريكي.
    /// - the accusative of tanween, + ا, for words of at least 3 letters without their article
    ///   (a definite word takes no tanween): كتاب and الكتاب find كتابا, رسمي finds رسميا, دولار
    ///   finds دولارا, شيء finds شيئا. It is looked up under the key the index gives it, which is
    ///   not always the form: معدنا loses نا, taken for "our", and is indexed as معد. A word typed
    ///   with that ا (or any word of 4 letters or more ending in ا) also stands for the word
    ///   without it, and that word's key: كتابا finds الكتاب, تلفزيونا finds التلفزيون (تلفزي).
    /// None of the forms is made for a key that ends in ه, nor the adjective for one that ends in
    /// ي, nor anything for keys with digits or Latin letters.
    static func keys(of word: AnalyzedToken) -> [String] {
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        let bases = [word.stem ?? word.surface, word.surface]
        for base in bases { add(base) }
        if let other = ArabicAnalyzer.stemInOtherForm(ofSurface: word.surface), other.unicodeScalars.last == yeh { add(other) }
        if let singular = ListedSingulars.singular(ofKey: bases[0]) {
            add(singular)
            if singular.unicodeScalars.last != heh, let accusative = accusativeKey(of: singular) { add(accusative) }
        }
        for singular in soundPluralSingulars(of: word) { add(singular) }
        // A definite word never takes tanween: its accusative is made without the article.
        let accusativeBases = [bases[0], ArabicAnalyzer.withoutProclitics(ofSurface: word.surface) ?? word.surface]
        for (base, accusativeBase) in zip(bases, accusativeBases) where isArabicWord(base) {
            let letters = base.unicodeScalars
            guard let last = letters.last, last != heh else { continue }
            if last == alef {
                guard letters.count >= 4 else { continue }
                let rest = String(base.unicodeScalars.dropLast())
                add(rest)
                add(ArabicAnalyzer.stem(ofSurface: rest) ?? rest)
                if rest.unicodeScalars.last != yeh { add(rest + String(yeh)) }
                continue
            }
            if letters.count >= 4 { add(base + String(heh)) }
            if letters.count >= 3, last != yeh { add(base + String(yeh)) }
            if let accusative = accusativeKey(of: accusativeBase) { add(accusative) }
        }
        return keys
    }

    /// The key the index gives `word` in the accusative, with the alef of tanween, when it can take
    /// one (3 letters or more, not already ending in ا).
    private static func accusativeKey(of word: String) -> String? {
        guard word.unicodeScalars.count >= 3, word.unicodeScalars.last != alef else { return nil }
        let accusative = word + String(alef)
        return ArabicAnalyzer.stem(ofSurface: accusative) ?? accusative
    }

    /// Whether `key` is made of Arabic letters only (no digits, no Latin).
    private static func isArabicWord(_ key: String) -> Bool {
        key.unicodeScalars.allSatisfy { $0.value >= 0x0621 && $0.value <= 0x064A }
    }

    /// The keys a plural in ات also stands for. The stemmer turns ات into ه, the ة of a feminine
    /// singular (الحكومات → حكومه), but news writes as many ات plurals of masculine nouns
    /// (انتخابات، اجتماعات، تصريحات، مؤتمرات، إجراءات), whose singular is the key without the ه.
    /// It is added for singulars of at least 4 letters: shorter ones are too often another word
    /// (جلسات is not جلس "sat", رحلات not رحل "left"; the few that news needs are listed in
    /// `ShortNounEndings`). Nor for a singular of the shape فاعل (ا second of 4 letters): a
    /// masculine فاعل takes ون or a broken plural (جوامع، طيور), so its ات is the plural of the
    /// feminine فاعلة, often another word (جامعات is not جامع "mosque", طائرات not طائر "bird",
    /// شاحنات not شاحن "charger"). The ات of a singular in أة is written آت
    /// (منشأة, منشآت), which the analyzer reads as ا + ات (منشاه, see `SearchFolding.unifyMadda`);
    /// a reader who types ا for آ, or a writer who did, gets the other spelling's key too.
    static func soundPluralSingulars(of word: AnalyzedToken) -> [String] {
        guard let stem = word.stem, stem.unicodeScalars.last == heh,
            word.surface.unicodeScalars.reversed().starts(with: [teh, alef])
        else { return [] }
        let singular = Array(stem.unicodeScalars.dropLast())
        var keys: [String] = []
        let isFaail = singular.count == 4 && singular[1] == alef
        if singular.count >= 4, !isFaail { keys.append(String(scalars: singular[...])) }
        if singular.last == alef {
            keys.append(String(scalars: singular.dropLast(), ending: heh))  // منشاات → منشه
        } else {
            keys.append(String(scalars: singular[...]) + String(alef) + String(heh))  // منشات → منشاه
        }
        return keys
    }

    private static let alef: Unicode.Scalar = "\u{0627}"
    private static let heh: Unicode.Scalar = "\u{0647}"
    private static let yeh: Unicode.Scalar = "\u{064A}"
    private static let teh: Unicode.Scalar = "\u{062A}"

    /// An FTS5 string: double quotes inside are doubled (the analyzer never yields any; this is
    /// the rule that keeps it so).
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
