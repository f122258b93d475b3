/// Words whose singular no affix rule can safely reach, listed with it, as index keys: frequent
/// broken plurals (`BrokenPlurals`), and the duals and ات plurals of short nouns
/// (`ShortNounEndings`). Each listed word is indexed under its singular's key too, and a query
/// for either finds both.
enum ListedSingulars {
    /// The singular's key of `key`, when `key` is listed. Asked for every word indexed and every
    /// word of every snippet cut, so it avoids hashing a `String`: for non-ASCII text that means
    /// normalizing it to NFC first, which made this lookup a tenth of a search's time. An FNV-1a
    /// hash of the UTF-8 bytes finds the entry instead.
    static func singular(ofKey key: String) -> String? {
        guard let entry = byHash[fnv1a(key.utf8)], entry.plural == key else { return nil }
        return entry.singular
    }

    /// Every listed key and its singular's key. The tables share no key: a key listed twice, or
    /// two keys with one hash, would stop the process at first use, and the tests use them.
    static let singular: [String: String] = Dictionary(
        uniqueKeysWithValues: Array(BrokenPlurals.singular) + Array(ShortNounEndings.singular))

    private static let byHash: [UInt64: (plural: String, singular: String)] = Dictionary(
        uniqueKeysWithValues: singular.map { (fnv1a($0.key.utf8), (plural: $0.key, singular: $0.value)) })

    private static func fnv1a(_ bytes: String.UTF8View) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
