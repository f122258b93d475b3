import NewsAPI
import NewsStore

extension Settings {
    /// Readers' comments: moderation, the word list, the per-client limit, address retention.
    static let commentsOptions: [Option] =
        [
            Option("--comments-moderation", "pre|post", "pre: every comment waits for a moderator (default); post: approved unless held") {
                settings, value throws(UsageError) in
                guard let mode = ModerationMode(rawValue: value) else { throw UsageError("'\(value)' is not pre or post") }
                settings.api.comments.moderation.mode = mode
            },
            Option(
                "--comments-word-list", "FILE",
                "words and phrases, one a line, that hold a comment for a moderator under post-moderation (default none)"
            ) { settings, value throws(UsageError) in
                guard let bytes = Files.readFile(value) else { throw UsageError("cannot read '\(value)'") }
                guard let text = String(validating: bytes, as: UTF8.self) else { throw UsageError("'\(value)' is not UTF-8 text") }
                settings.api.comments.moderation.wordList = CommentWordList(lines: text)
            },
            Option(
                "--comments-address-retention-days", "DAYS",
                "days a comment's client address is kept for moderators (to judge and ban), then cleared by an hourly task (default \(CommentService.defaultAddressRetentionDays))"
            ) { settings, value throws(UsageError) in
                settings.api.comments.addressRetentionDays = try OptionParser.integer(value, in: CommentSettings.retentionDays)
            },
        ] + Option.rateLimit("--comments", "comments", \.api.comments.rate)
}
