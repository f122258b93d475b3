/// Frequent broken plurals of news Arabic and their singulars, as index keys (normalized and
/// without clitics: `ArabicAnalyzer`'s stem, or surface when nothing is stripped), one of the
/// tables of `ListedSingulars`.
///
/// A broken plural changes the word inside (سعر → أسعار, مدينة → مدن), which no affix rule
/// can undo, and a rule for its patterns (أفعال, فعول…) would also hit singular words of the
/// same shape (إعلان, إطلاق, إسلام). A short list of the plurals that news writes every day is
/// the safe middle: each plural is indexed under its singular's key too, and a query for either
/// finds both. Left out on purpose, because the plural spells another common word as well:
/// كتب (also "wrote"), أسر ("captivity"), علماء (→ عالم, also "world"), حدود (→ حد, also
/// "extent"), طرق ("knocked"), أسهم ("contributed"), شباب (also singular "youth").
enum BrokenPlurals {
    /// Plural key → singular key. Keys are what the stemmer leaves, which is not always a word:
    /// قوانين and ملايين lose an ending that looks like one (قوان، ملاي).
    static let singular: [String: String] = [
        "اسعار": "سعر", "اخبار": "خبر", "اطفال": "طفل", "اعمال": "عمل", "اسواق": "سوق",
        "احزاب": "حزب", "دول": "دوله", "مدن": "مدينه", "قري": "قريه", "اسلحه": "سلاح",
        "رجال": "رجل", "ايام": "يوم", "اشهر": "شهر", "شهور": "شهر", "ملاي": "مليون",
        "مناطق": "منطقه", "مشاريع": "مشروع", "وزراء": "وزير", "رءساء": "رءيس", "قاده": "قاءد",
        "طلاب": "طالب", "امراض": "مرض", "اراضي": "ارض", "جنود": "جندي", "ضباط": "ضابط",
        "دروس": "درس", "بيوت": "بيت", "شوارع": "شارع", "مساجد": "مسجد", "مدارس": "مدرسه",
        "حقوق": "حق", "قضايا": "قضيه", "مصادر": "مصدر", "مواقع": "موقع", "اسماء": "اسم",
        "افلام": "فيلم", "ابناء": "ابن", "اعضاء": "عضو", "اسابيع": "اسبوع", "دقاءق": "دقيقه",
        "حروب": "حرب", "معارك": "معركه", "اسري": "اسير", "سجون": "سجن", "بنوك": "بنك",
        "مصارف": "مصرف", "ارقام": "رقم", "اموال": "مال", "قوان": "قانون", "شعوب": "شعب",
        "جيوش": "جيش", "جبال": "جبل", "انهار": "نهر", "اشجار": "شجره", "احداث": "حدث",
        "نتاءج": "نتيجه", "وساءل": "وسيله", "رساءل": "رساله", "مساءل": "مساله",
        "عمال": "عامل", "تجار": "تاجر", "فقراء": "فقير",
        "اغنياء": "غني", "سفن": "سفينه", "صواريخ": "صاروخ", "مراكز": "مركز",
        "شركاء": "شريك", "سكان": "ساكن", "ضحايا": "ضحيه", "جرحي": "جريح", "قتلي": "قتيل",
        // Plurals whose hamza sits otherwise than in the singular, or that gain one.
        "اشياء": "شيء", "اجزاء": "جزء", "اخطاء": "خطا", "اراء": "راي", "اسءله": "سءال", "انباء": "نبا",
        "شءون": "شان", "مبادء": "مبدا", "اصدقاء": "صديق", "خبراء": "خبير", "زملاء": "زميل", "اطباء": "طبيب",
        "سفراء": "سفير", "امراء": "امير", "شهداء": "شهيد", "حلفاء": "حليف", "عملاء": "عميل", "مدراء": "مدير",
        "وكلاء": "وكيل",
    ]
}
