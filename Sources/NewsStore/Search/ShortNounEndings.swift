/// The duals and ات plurals of short nouns that news writes every day, with their singulars, as
/// index keys: one of the tables of `ListedSingulars`.
///
/// The stemmer strips ين and ان only when 4 letters remain, and ات turns into ه (the ة of a
/// feminine singular), so the dual of a 3-letter noun (الطرفين) and the ات plural of a 3-letter
/// masculine one (الملفات → ملفه) never reach their singular. No rule can tell them from their
/// lookalikes, which are many and frequent: names and months (البحرين، لبنان، السودان، شعبان،
/// حمدان، طهران، نسرين), tens (عشرين، خمسين، سبعين، تسعين), verbal nouns (الطيران، الدوران،
/// البطلان، حرمان، تمرين، العدوان), and plurals of a feminine whose remainder is a word (جلسات،
/// عملات، طبقات، صفقات). A list of the frequent ones is the safe way, and a form that also spells
/// another common word is left out: شعبان (the month, not the dual of شعب), دوران ("rotation",
/// not the dual of دور), طلبات (its key طلبه also spells طلبة "students").
///
/// A 3-letter ات plural's key is the singular + ه, which also spells the singular with the
/// pronoun "his" (ملفه "his file"): the listed ones are nouns with no feminine in ة of another
/// meaning, so both readings belong with the singular.
enum ShortNounEndings {
    /// Dual or plural key → singular key.
    static let singular: [String: String] = [
        // Duals in ين and ان (بلدان is also the plural "countries", of the same singular).
        "طرفين": "طرف", "طرفان": "طرف", "شهرين": "شهر", "شهران": "شهر", "يومين": "يوم", "يومان": "يوم",
        "عامين": "عام", "عامان": "عام", "حزبين": "حزب", "حزبان": "حزب", "وفدين": "وفد", "وفدان": "وفد",
        "بلدين": "بلد", "بلدان": "بلد", "شخصين": "شخص", "شخصان": "شخص", "هدفين": "هدف", "هدفان": "هدف",
        "نوعين": "نوع", "نوعان": "نوع", "عضوين": "عضو", "عضوان": "عضو", "قرنين": "قرن", "قرنان": "قرن",
        "عقدين": "عقد", "عقدان": "عقد", "صوتين": "صوت", "صوتان": "صوت", "شوطين": "شوط", "شوطان": "شوط",
        "جيشين": "جيش", "نهرين": "نهر", "حربين": "حرب", "شعبين": "شعب",
        // The dual of a 2-letter noun in ة, too short for the rule that reads طائرتين as طائرة.
        "سنتين": "سنه", "سنتان": "سنه",
        // Plurals in ات of 3-letter masculine nouns, as the stemmer leaves them (ات → ه).
        "ملفه": "ملف", "سجله": "سجل", "مقره": "مقر", "ممره": "ممر", "سنده": "سند", "شيكه": "شيك",
    ]
}
