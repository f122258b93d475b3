import NewsStore
import Testing

@Suite struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(plain.utf8) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesTheStandardAlphabet() {
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
        #expect(Base64.decode("-_-_") == nil)
    }

    @Test func acceptsOnlyTheCanonicalPaddedSpelling() {
        for text in ["Zg", "Zg=", "Zg===", "Zh==", "Z===", "====", "Zm9v=", "Zm 9v", "Zm9v\n"] {
            #expect(Base64.decode(text) == nil, "\(text)")
        }
    }

    @Test func roundTripsEveryByteAtEveryLengthRemainder() {
        let allBytes = (0...255).map { UInt8($0) }
        for length in 0...allBytes.count {
            let bytes = Array(allBytes.prefix(length))
            let text = Base64.encode(bytes)
            #expect(text.utf8.count == (length + 2) / 3 * 4, "length \(length)")
            #expect(Base64.decode(text) == bytes, "length \(length)")
        }
    }
}
