import NewsStore
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 §10 test vectors, unpadded.
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"),
        ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(plain.utf8) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesTheURLSafeAlphabet() {
        // 0xFB 0xFF 0xBF is "+/+/" in standard base64.
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
        #expect(Base64URL.encode([0x00, 0x10, 0x83]) == "ABCD")
    }

    @Test func roundTripsEveryByteAtEveryLengthRemainder() {
        let allBytes = (0...255).map { UInt8($0) }
        for length in 0...allBytes.count {
            let bytes = Array(allBytes.prefix(length))
            let text = Base64URL.encode(bytes)
            #expect(text.utf8.count == (length * 8 + 5) / 6, "length \(length)")
            #expect(Base64URL.decode(text) == bytes, "length \(length)")
        }
    }

    @Test(arguments: [
        "Zg==", "Zm8=", "Zm9v=",  // padding
        "Zm9v+", "Zm9v/", "Zm 9v", "Zm9v\n", "Zé", "Z\u{0}",  // characters outside the alphabet
        "Z", "Zm9vY",  // a lone final character cannot hold a byte
        "Zh", "Zm9", "Zm9vYh",  // non-zero unused trailing bits
    ])
    func rejectsNonCanonicalText(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
