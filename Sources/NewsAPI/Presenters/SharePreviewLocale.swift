/// Open Graph's `og:locale` for the site's BCP 47 language tag. Open Graph wants
/// `language_TERRITORY` (`ar_AR`, `en_US`): a tag with a region uses it (`ar-EG` → `ar_EG`);
/// a bare language takes the territory Facebook's own list pairs it with; any other bare
/// language has no locale, since a made-up territory is worse than none.
enum SharePreviewLocale {
    static func openGraph(_ language: String) -> String? {
        let parts = language.split(separator: "-")
        guard let first = parts.first else { return nil }
        let code = first.lowercased()
        if let region = parts.dropFirst().first(where: { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isLetter } }) {
            return code + "_" + region.uppercased()
        }
        return defaultTerritories[code].map { code + "_" + $0 }
    }

    private static let defaultTerritories = [
        "ar": "AR", "en": "US", "fr": "FR", "es": "ES", "de": "DE", "tr": "TR", "fa": "IR", "ur": "PK", "he": "IL", "ku": "TR",
    ]
}
