import TestSupport
import Testing

@testable import NewsAPI

/// `MarkupWriter.escape` copies runs of UTF-8 bytes; checked against the rule written out one
/// character at a time, on random text mixing the characters it changes with Arabic, emoji,
/// combining marks and line breaks.
@Suite struct MarkupEscapingTests {
    /// The rule, character by character.
    static func expected(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let pieces: [String] = [
        "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
        "\u{FEFF}", "\u{EFBF}", "ﻯ", "a", "Z", "0", " ", "دمشق", "سوريا", "ـ", "َ", "🇸🇾", "😀", "e\u{301}", "%D8%A7", "https://x.example/?a=1&b=2",
    ]

    @Test func runsAreCopiedAndEveryChangedCharacterReplaced() {
        var random = SeededRandom(seed: 15)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...24, using: &random)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            #expect(MarkupWriter.escape(text) == Self.expected(text), "\(Array(text.unicodeScalars))")
        }
        #expect(MarkupWriter.escape("") == "")
        #expect(MarkupWriter.escape("\u{FFFF}") == "\u{FFFD}")
        #expect(MarkupWriter.escape("ab\u{FFFE}") == "ab\u{FFFD}")
    }
}
