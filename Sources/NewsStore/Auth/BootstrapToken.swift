/// The rules a bootstrap admin token (`--admin-token`, `NEWSSTORE_ADMIN_TOKEN`) must meet. It
/// may always write and is chosen by a person, so it is checked at start: long, and looking
/// like the output of a random generator (`openssl rand -hex 24`, `head -c 24 /dev/urandom |
/// base64`), not like a phrase or a pattern someone typed or copied from an example. The checks
/// are cheap heuristics tuned so that the generators above pass (all but about one token in
/// 100,000 they make) while placeholders and keyboard patterns fail.
public enum BootstrapToken {
    public static let minimumLength = 32

    /// Why `token` is refused, or nil when it is acceptable. The reason never quotes the token.
    public static func problem(with token: String) -> String? {
        let bytes = Array(token.utf8)
        guard bytes.count >= minimumLength else { return "it must be at least \(minimumLength) characters long" }
        guard isB64Token(bytes) else {
            return "it may only hold letters, digits and - . _ ~ + / (with = at the end), as a Bearer token must (RFC 6750)"
        }
        let lowercased = token.lowercased()
        if knownExamples.contains(token) || placeholderWords.contains(where: { lowercased.contains($0) }) {
            return "it looks like a placeholder or an example, not a secret"
        }
        let classes = [
            bytes.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") },
            bytes.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") },
            bytes.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") },
        ]
        guard classes.filter({ $0 }).count >= 2 else { return "it must mix at least two of lower-case letters, upper-case letters and digits" }
        guard Set(bytes).count >= minimumDistinctCharacters else {
            return "it must hold at least \(minimumDistinctCharacters) different characters"
        }
        guard longestArithmeticRun(bytes) < maximumArithmeticRun else {
            return "it holds a run like aaaaaaa or 1234567 of \(maximumArithmeticRun) or more characters"
        }
        return nil
    }

    /// Random hex of 32 characters has fewer than 8 different ones about once in 10^7 tokens.
    private static let minimumDistinctCharacters = 8
    /// Seven characters that repeat or count up or down by one: about once in 10^5 random hex
    /// tokens of 48 characters, far rarer in base64.
    private static let maximumArithmeticRun = 7

    /// Values printed in our documentation, old and current, which someone may paste as is.
    static let knownExamples: Set<String> = ["change-me-to-a-long-secret"]

    /// Words of placeholders (`change-me`, `my-secret-token`, `admin-password`...). None can
    /// appear in hex, and a random base64 token of 32 characters holds one of these five-letter
    /// or longer words about once in 10^5.
    private static let placeholderWords = [
        "change", "secret", "password", "passwd", "token", "admin", "example", "default", "replace", "sample", "dummy", "qwerty",
        "letmein", "newsstore", "bootstrap",
    ]

    /// b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 6750 §2.1).
    private static func isB64Token(_ bytes: [UInt8]) -> Bool {
        let body = bytes.prefix { $0 != UInt8(ascii: "=") }
        guard !body.isEmpty, bytes[body.count...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return false }
        return body.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "-._~+/".utf8.contains(byte)
            }
        }
    }

    /// The longest stretch whose neighbours all differ by the same step of -1, 0 or +1.
    private static func longestArithmeticRun(_ bytes: [UInt8]) -> Int {
        var longest = 1
        var length = 1
        var step: Int?
        for (previous, next) in zip(bytes, bytes.dropFirst()) {
            let difference = Int(next) - Int(previous)
            if abs(difference) <= 1 && (length == 1 || difference == step) {
                length += 1
            } else {
                length = abs(difference) <= 1 ? 2 : 1
            }
            step = difference
            longest = max(longest, length)
        }
        return longest
    }
}
