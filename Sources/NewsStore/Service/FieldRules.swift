/// Checks shared by every write: trimmed text with a length bound, and http(s) URLs.
/// Each check appends a `FieldError` and returns the cleaned value (nil when empty).
struct FieldRules {
    private(set) var errors: [FieldError]

    init(errors: [FieldError] = []) {
        self.errors = errors
    }

    /// Trimmed `text`; nil when absent or blank. Length counts characters as readers see them,
    /// and bytes too (see `Limits.bytesPerCharacter`): one character can hold any number of
    /// combining marks, so a character limit alone does not bound what is stored and sent.
    mutating func text(_ text: String?, at pointer: String, max: Int, required: Bool = false) -> String? {
        let trimmed = text.map { String($0.trimmingWhitespace) }
        guard let trimmed, !trimmed.isEmpty else {
            if required { errors.append(FieldError(pointer, "is required")) }
            return nil
        }
        let maxBytes = max * Limits.bytesPerCharacter
        if trimmed.count > max {
            errors.append(FieldError(pointer, "must be at most \(max) characters"))
        } else if trimmed.utf8.count > maxBytes {
            errors.append(FieldError(pointer, "must be at most \(maxBytes) bytes of UTF-8"))
        }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) {
            errors.append(FieldError(pointer, "must not contain control characters"))
        }
        return trimmed
    }

    /// An absolute http or https URL: anything else (javascript:, data:, relative) could run
    /// script or break in a reader's page.
    mutating func url(_ url: String?, at pointer: String, required: Bool = false) -> String? {
        guard let url = text(url, at: pointer, max: Limits.urlLength, required: required) else { return nil }
        if !Self.isHTTPURL(url) { errors.append(FieldError(pointer, "must be an absolute http or https URL")) }
        return url
    }

    static func isHTTPURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = lower.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = lower.dropFirst(7)
        } else {
            return false
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !url.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 }
    }

    mutating func add(_ pointer: String, _ detail: String) {
        errors.append(FieldError(pointer, detail))
    }
}
