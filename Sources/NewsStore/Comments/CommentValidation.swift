/// A comment that passed the rules: trimmed, within its limits, plain text.
struct ValidComment: Sendable {
    var authorName: String
    var authorEmail: String?
    var body: String
    var parentID: Int64?
}

/// The rules a reader's comment must pass. Pure: whether the parent exists on the same article
/// is checked by the service inside the write transaction.
///
/// Comments are plain text stored as sent (trimmed), never HTML or Markdown: every output
/// escapes them. Line breaks are kept (blank lines separate paragraphs); CR LF, as a form posts
/// it, and a lone CR are stored as LF.
enum CommentValidation {
    static let authorNameLength = 80
    static let emailLength = 254
    static let bodyLength = 5_000

    static func validate(_ input: CommentInput) throws(NewsStoreError) -> ValidComment {
        var rules = FieldRules(errors: input.readErrors)
        let name = rules.text(input.authorName, at: "/author_name", max: authorNameLength, required: true)
        let email = rules.text(input.authorEmail, at: "/author_email", max: emailLength)
        if let email, !isEmailAddress(email) {
            rules.add("/author_email", "must be an email address such as name@example.com")
        }
        let body = rules.text(input.body.map(unixLineBreaks), at: "/body", max: bodyLength, required: true)
        if let parent = input.parentID, parent <= 0 {
            rules.add("/parent_id", "must be the id of a comment on this article")
        }
        guard rules.errors.isEmpty, let name, let body else { throw .invalid(rules.errors) }
        return ValidComment(authorName: name, authorEmail: email, body: body, parentID: input.parentID)
    }

    /// One `@` with something on each side, a dot in the domain, no spaces: enough to catch a
    /// typo; whether the mailbox exists nobody checks, since nothing is ever sent to it.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    private static func unixLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && afterCR {
                afterCR = false
                continue
            }
            afterCR = scalar == "\r"
            scalars.append(afterCR ? "\n" : scalar)
        }
        return String(scalars)
    }
}
