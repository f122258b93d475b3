import NewsStore
import Testing

@Suite struct TokenTests {
    @Test func generatedTokenHasTheDocumentedShape() throws {
        let token = APIToken.generate()
        #expect(token.plaintext.hasPrefix("ns_"))
        #expect(token.plaintext.utf8.count == 46)
        let body = String(token.plaintext.dropFirst(3))
        #expect(try #require(Base64URL.decode(body)).count == 32)
        #expect(APIToken.looksValid(token.plaintext))
    }

    @Test func generatedHashIsTheHexDigestOfThePlaintext() {
        let token = APIToken.generate()
        #expect(token.hash == SHA256.hexDigest(token.plaintext))
        #expect(token.hash == APIToken.hash(token.plaintext))
        #expect(token.hash.utf8.count == 64)
    }

    @Test func hashIsSHA256Hex() {
        // printf '%s' 'abc' | sha256sum
        #expect(APIToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func generatedTokensDiffer() {
        let tokens = (0..<100).map { _ in APIToken.generate().plaintext }
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func secureRandomReturnsTheRequestedCountAndVaries() {
        for count in [0, 1, 7, 8, 9, 32, 33] {
            #expect(SecureRandom.bytes(count: count).count == count)
        }
        // Two equal 32-byte draws would mean a broken generator (chance 2^-256).
        #expect(SecureRandom.bytes(count: 32) != SecureRandom.bytes(count: 32))
        // Every byte position is filled: across many draws none stays zero.
        var seen = [UInt8](repeating: 0, count: 33)
        for _ in 0..<64 {
            for (index, byte) in SecureRandom.bytes(count: 33).enumerated() { seen[index] |= byte }
        }
        #expect(seen.allSatisfy { $0 != 0 })
    }

    private static let valid = "ns_" + String(repeating: "A", count: 43)

    @Test func acceptsWellFormedTokens() {
        #expect(APIToken.looksValid(Self.valid))
        #expect(APIToken.looksValid("ns_" + String(repeating: "-_9z", count: 10) + "abc"))
    }

    @Test(arguments: [
        "",
        "ns_",
        "ns_" + String(repeating: "A", count: 42),  // too short
        "ns_" + String(repeating: "A", count: 44),  // too long
        "NS_" + String(repeating: "A", count: 43),  // wrong prefix
        "xx_" + String(repeating: "A", count: 43),
        String(repeating: "A", count: 46),  // no prefix at all
        "ns_" + String(repeating: "A", count: 42) + "=",  // padding
        "ns_" + String(repeating: "A", count: 42) + "+",  // standard-alphabet character
        "ns_" + String(repeating: "A", count: 41) + " A",  // space
        "ns_" + String(repeating: "A", count: 42) + "B",  // non-canonical trailing bits
        "ns_" + String(repeating: "A", count: 41) + "é",  // 43 characters but 44 bytes
    ])
    func rejectsGarbage(text: String) {
        #expect(!APIToken.looksValid(text))
    }

    @Test func constantTimeEquality() {
        let digest = SHA256.hash("token".utf8)
        #expect(ConstantTime.equals(digest, SHA256.hash("token".utf8)))
        #expect(!ConstantTime.equals(digest, SHA256.hash("tokem".utf8)))
        for index in digest.indices {
            var changed = digest
            changed[index] ^= 0x01
            #expect(!ConstantTime.equals(digest, changed), "difference at \(index)")
        }
        #expect(!ConstantTime.equals(digest, digest.dropLast()))
        #expect(!ConstantTime.equals(digest, digest + [0]))
        #expect(ConstantTime.equals([UInt8](), [UInt8]()))
        #expect(ConstantTime.equals("abc".utf8, [0x61, 0x62, 0x63]))
    }
}
