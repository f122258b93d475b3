import Foundation
import TestSupport
import Testing

@testable import NewsStore

/// The bootstrap admin token must look like a generator's output: what the documented
/// commands make passes, placeholders, phrases and patterns do not.
@Suite struct BootstrapTokenTests {
    private static let repository = URL(fileURLWithPath: repositoryRoot)

    private func randomBytes(_ count: Int, _ random: inout SeededRandom) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    private func hex(_ bytes: [UInt8], uppercase: Bool = false) -> String {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
    }

    /// `openssl rand -hex 24` and `-hex 16`, `head -c 24 /dev/urandom | base64`, and Python's
    /// `secrets.token_urlsafe(24)`: a thousand of each, from a fixed seed.
    @Test func generatedTokensAreAccepted() {
        var random = SeededRandom(seed: 0x5EED_70CE)
        for _ in 0..<1000 {
            let samples = [
                hex(randomBytes(24, &random)), hex(randomBytes(16, &random)), hex(randomBytes(16, &random), uppercase: true),
                Data(randomBytes(24, &random)).base64EncodedString(), Data(randomBytes(32, &random)).base64EncodedString(),
                Base64URL.encode(randomBytes(24, &random)), APIToken.generate().plaintext,
            ]
            for token in samples {
                #expect(BootstrapToken.problem(with: token) == nil, "\(token)")
            }
        }
    }

    @Test func shortTokensAreRefused() {
        #expect(BootstrapToken.problem(with: "") != nil)
        #expect(BootstrapToken.problem(with: "9f2b7c04e1d6a3f58b0c7e2d4a61f3b") != nil)
        #expect(BootstrapToken.problem(with: "9f2b7c04e1d6a3f58b0c7e2d4a61f3b9") == nil)
    }

    @Test func placeholdersAndPhrasesAreRefused() {
        for token in [
            "change-me-to-a-long-secret", "change-me-to-a-long-secret-0123456789", "CHANGEME0123456789abcdef9876543210",
            "my-super-Secret-value-for-the-api-2026", "test-admin-token-0123456789abcdefghij", "Newsstore2026Newsstore2026Newsstore",
        ] {
            #expect(BootstrapToken.problem(with: token) != nil, "\(token)")
        }
    }

    @Test func patternsAreRefused() {
        for token in [
            String(repeating: "a", count: 40), String(repeating: "ab", count: 20), String(repeating: "A1", count: 20),
            "0123456789abcdefghijklmnopqrstuvwxyz", "9f2b7c04e1d6a3f5aaaaaaa8b0c7e2d4a61f3b95", "9f2b7c04e1d6a3f51234567b0c7e2d4a61f3b95",
            "zyxwvutsrq9f2b7c04e1d6a3f58b0c7e2d4a61f3b", "abcdefghijklmnopqrstuvwxyzabcdefghij",
        ] {
            #expect(BootstrapToken.problem(with: token) != nil, "\(token)")
        }
    }

    @Test func onlyBearerTokenCharactersAreAccepted() {
        let base = "9f2b7c04e1d6a3f58b0c7e2d4a61f3b95c8e0d27"
        #expect(BootstrapToken.problem(with: base + "==") == nil)
        #expect(BootstrapToken.problem(with: base + "-._~+/") == nil)
        for bad in [" ", "\t", "=x", "\"", "ä", "\u{0}", ":", "%"] {
            #expect(BootstrapToken.problem(with: base + bad) != nil, "\(bad.debugDescription)")
        }
    }

    @Test func reasonsNeverQuoteTheToken() {
        for token in ["change-me-to-a-long-secret", String(repeating: "q", count: 40), "9f2b7c04e1d6a3f58b0c7e2d4a61f3b95c8e0d27 x"] {
            let problem = BootstrapToken.problem(with: token) ?? ""
            #expect(!problem.isEmpty && !problem.contains(token))
        }
    }

    /// The literal values after `NEWSSTORE_ADMIN_TOKEN=`, `--admin-token` or `"admin_token": "`;
    /// substitutions (`$TOKEN`, `$(openssl ...)`), placeholders (`<...>`) and empty values are not.
    private func literalTokens(in text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            for marker in ["NEWSSTORE_ADMIN_TOKEN=", "NEWSSTORE_ADMIN_TOKEN: ", "--admin-token ", "--admin-token=", "\"admin_token\": \""] {
                guard let range = line.range(of: marker) else { continue }
                let value = line[range.upperBound...].prefix { !" \"'`\t".contains($0) }
                guard !value.isEmpty, !value.hasPrefix("$"), !value.hasPrefix("<") else { continue }
                found.append(String(value))
            }
        }
        return found
    }

    /// Every literal token our documentation shows is refused, so no one can start a server
    /// with a published secret: the walkthrough's old `change-me-to-a-long-secret` included.
    @Test func everyTokenShownInTheDocumentationIsRefused() throws {
        #expect(literalTokens(in: "NEWSSTORE_ADMIN_TOKEN=change-me-to-a-long-secret swift run newsstore serve") == ["change-me-to-a-long-secret"])
        #expect(literalTokens(in: "NEWSSTORE_ADMIN_TOKEN=$TOKEN swift run\n#NEWSSTORE_ADMIN_TOKEN=\n--admin-token <TOKEN>").isEmpty)
        let files = ["README.md", "config/README.md", "deploy/newsstore.env.example", "deploy/newsstore.service", "docker-compose.yml", "Dockerfile"]
        for file in files {
            let text = try String(contentsOf: Self.repository.appendingPathComponent(file), encoding: .utf8)
            for value in literalTokens(in: text) {
                #expect(BootstrapToken.problem(with: value) != nil, "\(file) shows an accepted token: \(value)")
            }
        }
        for example in BootstrapToken.knownExamples {
            #expect(BootstrapToken.problem(with: example) != nil)
        }
    }
}
