/// URL slugs for articles, categories and tags: lowercase ASCII letters, ASCII digits and Arabic
/// letters in words joined by `-`. Arabic slugs travel percent-encoded, so a slug keeps only the
/// letters that spell a word (no harakat, tatweel or presentation forms) and stays short and stable.
///
/// Lengths are counted in Unicode scalars. A slug holds no combining scalar, so that is also its
/// number of Characters. Percent-encoded, an Arabic scalar takes 6 bytes, so a slug's path segment
/// is at most 480 bytes.
public enum Slug {
    /// The longest slug, in Unicode scalars (equal to Characters for a slug).
    public static let maxLength = 80

    /// Appended to a slug that would be all digits, because numeric path segments are ids in this API.
    private static let numericSuffix: [Unicode.Scalar] = ["-", "n"]

    /// The slug for `title`, or "" when nothing usable remains (the caller then falls back to another name).
    ///
    /// Arabic letters are kept; harakat, Quranic marks and tatweel vanish; presentation forms, Latin
    /// letters and Arabic-Indic digits are folded (see `SlugAlphabet`); every run of whitespace,
    /// punctuation, symbols and emoji becomes one `-`. A long result is cut at the last `-` at or
    /// before `maxLength` (a hard cut only when the first word alone is longer), and a result of
    /// only digits gets `-n` appended (`2025` → `2025-n`), so it cannot be mistaken for an id.
    public static func make(from title: String) -> String {
        var builder = Builder()
        for scalar in title.unicodeScalars {
            builder.add(scalar)
            // One scalar past the bound tells whether the cut falls on a word boundary.
            if builder.scalars.count > maxLength { break }
        }
        var slug = bounded(builder.scalars, to: maxLength)
        if !slug.isEmpty, slug.allSatisfy(isASCIIDigit) {
            slug = bounded(slug, to: maxLength - numericSuffix.count) + numericSuffix
        }
        return string(slug)
    }

    /// Whether a slug given explicitly by a client has the form `make(from:)` produces: 1…`maxLength`
    /// lowercase ASCII letters, ASCII digits and kept Arabic letters in words joined by single `-`,
    /// not all digits. Scalars are checked exactly, so a decomposed `أ` (ا + ٔ) is rejected.
    public static func isValid(_ slug: String) -> Bool {
        var count = 0
        var afterHyphen = true  // The start counts as a hyphen, so a leading `-` is rejected like `--`.
        var allDigits = true
        for scalar in slug.unicodeScalars {
            count += 1
            guard count <= maxLength else { return false }
            if scalar == "-" {
                guard !afterHyphen else { return false }
                afterHyphen = true
                allDigits = false
            } else {
                guard SlugAlphabet.isSlugScalar(scalar) else { return false }
                afterHyphen = false
                allDigits = allDigits && isASCIIDigit(scalar)
            }
        }
        return count > 0 && !afterHyphen && !allDigits
    }

    /// `slug-n`, for the n-th holder of a taken slug (`-2`, `-3`, …), with `slug` trimmed (at a word
    /// boundary when it can be) so the result stays within `maxLength`. `n` must be positive; the
    /// result is valid whenever `slug` is.
    public static func withSuffix(_ slug: String, _ n: Int) -> String {
        precondition(n > 0, "a slug suffix is a positive number")
        let suffix = Array("-\(n)".unicodeScalars)
        return string(bounded(Array(slug.unicodeScalars), to: maxLength - suffix.count) + suffix)
    }

    /// `scalars` (words joined by single `-`) cut to at most `limit` scalars: at the last `-` at or
    /// before `limit`, or hard at `limit` when the first word alone is longer. Never ends with `-`.
    private static func bounded(_ scalars: [Unicode.Scalar], to limit: Int) -> [Unicode.Scalar] {
        guard scalars.count > limit else { return scalars }
        if scalars[limit] == "-" { return Array(scalars[..<limit]) }
        if let boundary = scalars[..<limit].lastIndex(of: "-") { return Array(scalars[..<boundary]) }
        return Array(scalars[..<limit])
    }

    private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Accumulates folded scalars into words joined by `-`.
    private struct Builder {
        /// The slug so far: never starts or ends with `-`, never holds `--`.
        var scalars: [Unicode.Scalar] = []
        /// A separator was seen since the last kept scalar; the `-` is written only before the next
        /// kept one, so runs collapse and there is never a leading or trailing `-`.
        private var wordBreak = false
        /// The highest combining class dropped since the last kept scalar, or nil when something
        /// else came between. Hamza and madda marks compose with that scalar only when nothing blocks
        /// them, as in Unicode NFC, so decomposed input (ا + ٔ) gives the same slug as composed (أ).
        private var marksSinceKept: UInt8?

        init() {
            scalars.reserveCapacity(Slug.maxLength + 1)
        }

        mutating func add(_ scalar: Unicode.Scalar) {
            switch SlugAlphabet.fold(scalar) {
            case .kept(let kept):
                if wordBreak, !scalars.isEmpty { scalars.append("-") }
                wordBreak = false
                scalars.append(kept)
                marksSinceKept = 0
            case .replaced(let text):
                for replacement in text.unicodeScalars { add(replacement) }
            case .dropped:
                let combiningClass = scalar.properties.canonicalCombiningClass.rawValue
                guard combiningClass != 0, let marks = marksSinceKept, let last = scalars.last else {
                    marksSinceKept = nil  // A starter (letter, format character) blocks composition.
                    return
                }
                if marks < combiningClass, let composed = SlugAlphabet.composition(of: last, with: scalar) {
                    scalars[scalars.count - 1] = composed
                } else {
                    marksSinceKept = max(marks, combiningClass)
                }
            case .separator:
                wordBreak = true
                marksSinceKept = nil
            }
        }
    }
}
